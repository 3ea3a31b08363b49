import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaging, makeFolder, makeFoldersBelow, removeStaleStaging } from '../../scripts/publish/staging.js';

/** The staging folder and its publish, on temp folders: no build (moved from hostile-faults). */
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** Every file under a folder with the hash of its bytes (empty when the folder is missing). */
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

describe('staging folders', () => {
  it('a late write into a removed staging folder fails instead of making the folder again', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-staging-'));
    roots.push(parent);
    const stage = join(parent, '.dist-staging-1-x');
    await mkdir(stage);
    await makeFoldersBelow(stage, [join(stage, 'web', 'part-1', 'essay'), join(stage, 'web', 'assets')]);
    expect(readdirSync(join(stage, 'web')).sort()).toEqual(['assets', 'part-1']);
    await rm(stage, { recursive: true });
    await expect(makeFoldersBelow(stage, [join(stage, 'web', 'part-1')])).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(makeFolder(join(stage, '.print'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a later build removes staging folders whose build is gone, and keeps those of a running one', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-staging-'));
    roots.push(parent);
    const outDir = join(parent, 'dist');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (const [name, lock] of [['.dist-staging-dead', String(dead)], ['.dist-staging-live', String(process.pid)]] as const) {
      await mkdir(join(parent, name));
      await writeFile(join(parent, name, '.lock'), lock);
      await writeFile(join(parent, name, 'half.pdf'), 'half');
    }
    await mkdir(join(parent, '.dist-staging-fresh'));
    // No lock (a late write of a stopped build made it again): the id in its name tells.
    await mkdir(join(parent, `.dist-staging-${dead}-AbC123`, 'web'), { recursive: true });
    await removeStaleStaging(outDir);
    expect((await readdir(parent)).sort()).toEqual(['.dist-staging-fresh', '.dist-staging-live']);
  });
});

describe('publishing', () => {
  it('keeps the old output when a move fails, and replaces it whole when all succeed', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-publish-'));
    roots.push(parent);
    const outDir = join(parent, 'dist');
    await mkdir(join(outDir, 'web'), { recursive: true });
    await writeFile(join(outDir, 'web', 'index.html'), 'old web');
    await writeFile(join(outDir, 'book.pdf'), 'old pdf');
    const before = snapshot(outDir);
    // No manifest: as the project's own dist/ from before manifests listed files, what is there is the build's.
    const folder = { outputNames: ['web', 'book.pdf'], trustPresent: true };
    const failing = await createStaging(outDir, folder);
    await mkdir(join(failing.dir, 'web'));
    await writeFile(join(failing.dir, 'web', 'index.html'), 'new web');
    // 'book.pdf' is named but was never written: its move fails after 'web' was replaced.
    await expect(failing.publish(['web', 'book.pdf'])).rejects.toThrow();
    expect(snapshot(outDir)).toEqual(before);
    await failing.discard();
    const ok = await createStaging(outDir, folder);
    await mkdir(join(ok.dir, 'web'));
    await writeFile(join(ok.dir, 'web', 'index.html'), 'new web');
    await writeFile(join(ok.dir, 'book.pdf'), 'new pdf');
    await ok.publish(['web', 'book.pdf']);
    expect(await readFile(join(outDir, 'web', 'index.html'), 'utf8')).toBe('new web');
    expect(await readFile(join(outDir, 'book.pdf'), 'utf8')).toBe('new pdf');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(JSON.parse(await readFile(join(outDir, '.ptr-outputs.json'), 'utf8'))).toEqual({ version: 2, files: { 'book.pdf': sha('new pdf'), 'web/index.html': sha('new web') } });
    expect(await readdir(parent)).toEqual(['dist']);
  });

});
