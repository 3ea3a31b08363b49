import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProjectDir, projectFileState, readProjectFile, readProjectFileSync } from '../../scripts/diagnostics/project-files.js';
import { CHANGED_DURING_BUILD, startReadLog } from '../../scripts/diagnostics/read-log.js';
import { inputsUnchanged, optionsKey, recordedInputs } from '../../scripts/cache/build-record.js';
import { folderIsAsLeft, hashFiles, outputFolderState, writeOutputManifest } from '../../scripts/publish/output-manifest.js';

/**
 * Issue 22: what a build read is noted as it reads it, and a later check finds any difference:
 * a file's bytes, a file that appeared, a folder's names, the options, the environment; and an
 * output folder that is not exactly as the build left it.
 */
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ptr-build-record-'));
  await mkdir(join(root, 'manuscript'));
  await writeFile(join(root, 'manuscript', '01-a.md'), '# A\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The reads of a small build: a chapter, a theme that is not there, a style sheet read synchronously, a folder. */
async function readAll(): Promise<void> {
  await readProjectFile(root, 'manuscript/01-a.md');
  await readProjectFile(root, 'charts/theme.json').catch(() => undefined);
  readProjectFileSync(root, 'manuscript/01-a.md');
  await listProjectDir(root, 'manuscript');
}

async function record() {
  const log = startReadLog(root);
  try {
    await readAll();
    return await recordedInputs(optionsKey(['web'], false), log);
  } finally {
    log.stop();
  }
}

describe('the read log', () => {
  it('notes each file with its hash or why it could not be read, and each folder listed', async () => {
    const inputs = await record();
    expect(inputs.files['manuscript/01-a.md']).toBe(await projectFileState(root, 'manuscript/01-a.md'));
    expect(inputs.files['manuscript/01-a.md']).toMatch(/^[0-9a-f]{64}$/);
    expect(inputs.files['charts/theme.json']).toBe('missing');
    expect(Object.keys(inputs.listings)).toEqual(['manuscript']);
  });

  it('notes a refused file as refused, and a file read twice with different bytes as changed', async () => {
    execFileSync('mkfifo', [join(root, 'manuscript', 'fifo.md')]);
    const log = startReadLog(root);
    await readProjectFile(root, 'manuscript/fifo.md').catch(() => undefined);
    await readProjectFile(root, 'manuscript/01-a.md');
    await writeFile(join(root, 'manuscript', '01-a.md'), '# B\n');
    await readProjectFile(root, 'manuscript/01-a.md');
    log.stop();
    expect(log.files.get('manuscript/fifo.md')).toBe('refused:not-regular');
    expect(log.files.get('manuscript/01-a.md')).toBe(CHANGED_DURING_BUILD);
  });

  it('notes nothing once stopped, and a read through a link inside the project under the path read', async () => {
    const log = startReadLog(root);
    log.stop();
    await readProjectFile(root, 'manuscript/01-a.md');
    expect(log.files.size).toBe(0);
    // The project named through a link is the same project: its log hears the reads.
    const link = join(root, 'link-to-root');
    await symlink(root, link);
    const viaLink = startReadLog(link);
    await readProjectFile(root, 'manuscript/01-a.md');
    viaLink.stop();
    expect([...viaLink.files.keys()]).toEqual(['manuscript/01-a.md']);
  });
});

describe('inputsUnchanged', () => {
  it('is true for the same reads, false for any change to what was read', async () => {
    const inputs = await record();
    const same = optionsKey(['web'], false);
    expect(await inputsUnchanged(root, inputs, same)).toBe(true);
    expect(await inputsUnchanged(root, inputs, optionsKey(['web', 'pdf'], false))).toBe(false);
    expect(await inputsUnchanged(root, inputs, optionsKey(['web'], true))).toBe(false);
    await mkdir(join(root, 'charts'));
    await writeFile(join(root, 'charts', 'theme.json'), '{}');
    expect(await inputsUnchanged(root, inputs, same), 'a file that was missing appeared').toBe(false);
    await rm(join(root, 'charts'), { recursive: true });
    await writeFile(join(root, 'manuscript', 'notes.txt'), '');
    expect(await inputsUnchanged(root, inputs, same), 'a file added to a folder listed').toBe(false);
    await rm(join(root, 'manuscript', 'notes.txt'));
    expect(await inputsUnchanged(root, inputs, same)).toBe(true);
    await writeFile(join(root, 'manuscript', '01-a.md'), '# A!\n');
    expect(await inputsUnchanged(root, inputs, same), 'a chapter edited').toBe(false);
  });

  it('is false when the environment the build reads changed', async () => {
    const inputs = await record();
    const before = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1';
    try {
      expect(await inputsUnchanged(root, inputs, optionsKey(['web'], false))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = before;
    }
  });
});

describe('folderIsAsLeft', () => {
  async function publishedFolder(): Promise<string> {
    const out = join(root, 'dist');
    await mkdir(join(out, 'web'), { recursive: true });
    await writeFile(join(out, 'web', 'index.html'), '<p>hi</p>');
    await writeFile(join(out, 'data-report.md'), '# data');
    await writeOutputManifest(out, await hashFiles(out, ['web', 'data-report.md']));
    return out;
  }

  it('is true for the folder as it was left, false for a file edited, deleted, added or replaced by a link', async () => {
    const out = await publishedFolder();
    const state = (await outputFolderState(out))!;
    expect(Object.keys(state.files)).toEqual(['data-report.md', 'web/index.html']);
    expect(await folderIsAsLeft(out, state)).toBe(true);
    await writeFile(join(out, 'web', 'extra.html'), '');
    expect(await folderIsAsLeft(out, state), 'a file added').toBe(false);
    await rm(join(out, 'web', 'extra.html'));
    await writeFile(join(out, 'web', 'index.html'), '<p>ho</p>');
    expect(await folderIsAsLeft(out, state), 'a file edited').toBe(false);
    await rm(join(out, 'web', 'index.html'));
    expect(await folderIsAsLeft(out, state), 'a file deleted').toBe(false);
    await symlink(join(root, 'manuscript', '01-a.md'), join(out, 'web', 'index.html'));
    expect(await folderIsAsLeft(out, state), 'a link in its place').toBe(false);
    await rm(join(out, 'web', 'index.html'));
    await writeFile(join(out, 'web', 'index.html'), '<p>hi</p>');
    expect(await folderIsAsLeft(out, state)).toBe(true);
    await writeFile(join(out, 'notes.txt'), '');
    expect(await folderIsAsLeft(out, state), 'a file beside the outputs').toBe(false);
  });
});
