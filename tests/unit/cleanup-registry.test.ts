import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCleanupRegistry, type HeldResource } from '../../scripts/cleanup/cleanup-registry.js';
import { createStaging } from '../../scripts/publish/staging.js';

/** The one clean-up registry (issue 26) on real processes and folders: no build, no browser. */
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ptr-cleanup-'));
  temps.push(dir);
  return dir;
}

/** A process group of its own (as puppeteer starts Chromium): a shell and its child, both sleeping. */
function processGroup(): number {
  const child = spawn('sh', ['-c', 'sleep 60 & sleep 60; wait'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

/** The live members of a process group (zombies are not live). */
function liveMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/** A SIGKILLed process is gone once the kernel has run its exit: checked until then (a bound, not a moment). */
async function goneGroup(pgid: number): Promise<number[]> {
  let left = liveMembers(pgid);
  for (let i = 0; i < 200 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    left = liveMembers(pgid);
  }
  return left;
}

describe('the clean-up registry', () => {
  it('releases a process group, its profile, a staging folder and a temporary folder, newest first, once each', async () => {
    const base = await tempFolder();
    const profile = join(base, 'profile');
    await mkdir(profile);
    const pgid = processGroup();
    await new Promise((r) => setTimeout(r, 50));
    expect(liveMembers(pgid).length).toBeGreaterThanOrEqual(2);
    const outDir = join(base, 'dist');
    await mkdir(outDir);
    const staging = join(base, '.dist-staging-1-x');
    // What a publish had moved aside when it was stopped: it goes back into dist/.
    await mkdir(join(staging, '.previous', 'web'), { recursive: true });
    await writeFile(join(staging, '.previous', 'web', 'index.html'), 'old');
    const scratch = join(base, 'scratch');
    await mkdir(scratch);

    const cleanup = createCleanupRegistry();
    const seen: number[] = [];
    cleanup.watch((held) => seen.push(held.length));
    cleanup.hold({ what: 'staging', dir: staging, outDir });
    cleanup.hold({ what: 'browser', pid: pgid, profile });
    const letGo = cleanup.hold({ what: 'folder', path: scratch });
    letGo();
    letGo();
    expect(cleanup.held().map((r) => r.what)).toEqual(['staging', 'browser']);
    expect(seen).toEqual([1, 2, 3, 2]);

    cleanup.releaseAll();
    expect(await goneGroup(pgid)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    expect(existsSync(staging)).toBe(false);
    expect(readFileSync(join(outDir, 'web', 'index.html'), 'utf8')).toBe('old');
    // Let go of, so not released: its owner ended it (or keeps it).
    expect(existsSync(scratch)).toBe(true);
    expect(cleanup.held()).toEqual([]);
    cleanup.releaseAll();
    expect(seen).toEqual([1, 2, 3, 2, 0]);
  });

  it('a staging folder is held from the moment it exists until it is published or discarded', async () => {
    const base = await tempFolder();
    const outDir = join(base, 'dist');
    const cleanup = createCleanupRegistry();
    const first = await createStaging(outDir, undefined, cleanup);
    expect(cleanup.held()).toEqual([{ what: 'staging', dir: first.dir, outDir }]);
    await first.discard();
    expect(cleanup.held()).toEqual([]);

    const second = await createStaging(outDir, undefined, cleanup);
    await writeFile(join(second.dir, 'book.pdf'), 'new');
    await second.publish(['book.pdf']);
    expect(cleanup.held()).toEqual([]);
    expect(readFileSync(join(outDir, 'book.pdf'), 'utf8')).toBe('new');

    // Held and never ended (the build crashed): the exit's release discards it, dist/ keeps its file.
    const third = await createStaging(outDir, undefined, cleanup);
    await writeFile(join(third.dir, 'book.pdf'), 'half-written');
    cleanup.releaseAll();
    expect(existsSync(third.dir)).toBe(false);
    expect(readFileSync(join(outDir, 'book.pdf'), 'utf8')).toBe('new');
  });

  it('the stop watchdog releases the copy it was sent, from its own thread, while the main thread is busy', async () => {
    const base = await tempFolder();
    const folder = join(base, 'scratch');
    await mkdir(folder);
    const pgid = processGroup();
    const held: HeldResource[] = [{ what: 'folder', path: folder }, { what: 'browser', pid: pgid }];
    const watchdog = pathToFileURL(join(import.meta.dirname, '..', '..', 'scripts', 'cli', 'stop-watchdog.js')).href;
    // The main thread of this process never yields: only the worker's own timer can end it.
    const script = `
      const { Worker } = await import('node:worker_threads');
      const w = new Worker(new URL(${JSON.stringify(watchdog)}), { execArgv: [], workerData: { held: ${JSON.stringify(held)}, deadline: Date.now() + 100, graceMs: 50 } });
      w.on('online', () => { for (;;); });
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect(run.stderr).toContain('build stopped; dist/ was not changed.');
    expect(existsSync(folder)).toBe(false);
    expect(await goneGroup(pgid)).toEqual([]);
  });
});
