import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { browsersLeft } from './helpers/browser-processes.js';

/**
 * Stopping a build (issue 26): not a signal at a moment of the wall clock, but the build's own
 * AbortSignal aborted at each of its stage boundaries, in this process: every `onStage` call of
 * a cold build of the fixture book, one build per call. Each must reject with the abort, leave no
 * browser and no staging folder, and leave the previous dist/ byte for byte. One real Ctrl-C
 * (SIGINT to the command line's process group) is sent when the build reports a stage.
 */
const LAUNCH = join(import.meta.dirname, '..', 'scripts', 'cli', 'launch.mjs');

const temps: string[] = [];
const outerTmp = process.env.TMPDIR;
afterAll(async () => {
  if (outerTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outerTmp;
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** Every file under a folder with the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const stagingFolders = (root: string) => readdirSync(root).filter((n) => n.startsWith('.dist-staging-'));

interface PreviousBuild {
  /** The built book, for the aborted builds. */
  readonly root: string;
  /** A copy of it made before any aborted build ran, for the Ctrl-C case. */
  readonly copy: string;
  /** Every onStage call of that cold build, in order. */
  readonly boundaries: readonly string[];
}

let previous: Promise<PreviousBuild> | undefined;
/**
 * The previous dist/ both cases stop builds over: one whole cold build of every edition of the
 * fixture book, which also lists the boundaries (made once, by whichever case runs first). The
 * Ctrl-C case gets its own copy of the book, taken before any build was stopped in the other.
 */
function previousBuild(): Promise<PreviousBuild> {
  return (previous ??= (async () => {
    const root = await makeFixtureBook();
    temps.push(root);
    const boundaries: string[] = [];
    await build({ root, noCache: true, onStage: (stage, state) => boundaries.push(`${stage} ${state}`) });
    const copy = await mkdtemp(join(tmpdir(), 'ptr-fixture-built-'));
    temps.push(copy);
    await cp(root, copy, { recursive: true });
    return { root, copy, boundaries };
  })());
}

describe('a build aborted at each stage boundary', () => {
  /** The temp folder the browsers' profiles go to (puppeteer puts them under os.tmpdir()). */
  let marker: string;
  let root: string;
  let boundaries: readonly string[];
  let before: Record<string, string>;

  beforeAll(async () => {
    marker = await mkdtemp(join(tmpdir(), 'ptr-interrupt-'));
    temps.push(marker);
    process.env.TMPDIR = marker;
    // The previous dist/: a whole build of every edition, which also lists the boundaries.
    ({ root, boundaries } = await previousBuild());
    before = snapshot(join(root, 'dist'));
  });

  it('rejects with the abort and leaves no browser, no staging folder and the old dist/, at every onStage call', async () => {
    // config, load, charts, compile and each edition's start and end at least.
    expect(boundaries.length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(before)).toContain('fixture-book.pdf');
    // A build that never settles fails by the test's timeout: say at which call it was stopped.
    let current = 'before the first build';
    onTestFailed(() => console.error(`interrupt: the last build was ${current}`));
    for (let at = 0; at < boundaries.length; at++) {
      current = `the build to be stopped at call ${at + 1}, not stopped yet`;
      const stop = new AbortController();
      const reason = new Error(`stopped at call ${at + 1}`);
      let seen = 0;
      let stoppedAt = '';
      const run = build({
        root, noCache: true, signal: stop.signal,
        onStage: (stage, state) => {
          if (seen++ === at) {
            stoppedAt = `${stage} ${state}`;
            current = `aborted at call ${at + 1} (${stoppedAt})`;
            stop.abort(reason);
          }
        },
      });
      const outcome = await run.then(() => 'built', (e: unknown) => e);
      const name = `aborted at call ${at + 1} (${stoppedAt || 'never reached'})`;
      expect(stoppedAt, name).not.toBe('');
      expect(outcome, name).toBe(reason);
      expect(await browsersLeft(marker), name).toEqual([]);
      expect(stagingFolders(root), name).toEqual([]);
      expect(snapshot(join(root, 'dist')), name).toEqual(before);
    }
  });
});

describe('Ctrl-C from a terminal', () => {
  it('stops the command line when it reports a stage, leaving no browser, no staging folder and the old dist/', async () => {
    const marker = await mkdtemp(join(tmpdir(), 'ptr-sigint-'));
    temps.push(marker);
    // The previous dist/: the whole build the other case stops builds over, in a copy of its own.
    const root = (await previousBuild()).copy;
    const before = snapshot(join(root, 'dist'));
    expect(Object.keys(before)).toContain('fixture-book.pdf');

    const child = spawn(process.execPath, [LAUNCH, 'build', '--no-cache'], {
      cwd: root, detached: true, env: { ...process.env, NO_COLOR: '1', TMPDIR: marker }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    let stderr = '';
    let sent = false;
    // When the charts are rendered, the browser (started at once by a cold build) is up or starting.
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes('✓ charts')) {
        sent = true;
        // As a terminal does: to the whole foreground process group.
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    const stderrEnd = new Promise((r) => child.stderr.once('close', r));
    const code = await exited;
    await stderrEnd;
    expect(sent, stderr).toBe(true);
    // 130 when it wound down; SIGKILL when the watchdog ended a build whose thread was busy.
    expect([130, 'SIGKILL'], stderr).toContain(code);
    expect(stderr).not.toMatch(/^\s+at .+[:(]/m);
    expect(await browsersLeft(marker)).toEqual([]);
    expect(stagingFolders(root)).toEqual([]);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  });
});
