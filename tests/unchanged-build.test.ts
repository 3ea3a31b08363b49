import { appendFile, lstat, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Issue 22: a build whose inputs did not change reads its record and writes nothing (the
 * real command line, on a copy of the fixture book). Every change to something the build
 * reads or wrote (a chapter, a chart's data, a new file in manuscript/, a file of dist/, the
 * options) makes it build again. The steps run in order on one copy: each starts from the
 * build the step before made.
 */
let root: string;
const WEB = ['build', '--only', 'web'];

beforeAll(async () => {
  root = await makeFixtureBook();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file and folder under dist/ with what a rewrite would change: its inode, time and size. */
async function snapshot(dir = join(root, 'dist'), prefix = ''): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const info = await lstat(join(dir, name));
    found[`${prefix}${name}`] = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (info.isDirectory()) Object.assign(found, await snapshot(join(dir, name), `${prefix}${name}/`));
  }
  return found;
}

/** The summary's part that says what is where: the outputs and the preflight, without timings. */
function outputsBlock(stderr: string): string {
  const from = stderr.indexOf('\nOutputs:');
  const to = [stderr.indexOf('\nStage timings'), stderr.indexOf('\nNothing changed')].find((i) => i > from);
  return stderr.slice(from, to);
}

const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.includes(': warning: '));
const built = /^Built in \d+\.\d s/m;
const unchanged = /^Nothing changed since the last build \(checked in \d+ ms[^)]*\): its outputs are in place, nothing was written\.$/m;

/** A build that runs, and with --verbose says why when `why` is given. */
async function buildsAgain(args = WEB, why?: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await runCli(root, why ? [...args, '--verbose'] : args, env);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toMatch(built);
  expect(result.stderr).not.toMatch(unchanged);
  if (why) expect(result.stderr).toContain(`Building: ${why}.`);
}

describe('a build with nothing changed', () => {
  it('writes nothing into dist/ and prints the last build\'s summary', async () => {
    const first = await runCli(root, WEB);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(built);
    const before = await snapshot();
    const again = await runCli(root, WEB);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(unchanged);
    expect(again.stderr).not.toMatch(built);
    expect(outputsBlock(again.stderr)).toBe(outputsBlock(first.stderr));
    expect(outputsBlock(again.stderr)).toMatch(/dist\/web\/index\.html/);
    expect(warnings(again.stderr)).toEqual(warnings(first.stderr));
    expect(await snapshot()).toEqual(before);
  });

  it('builds again when a chapter changed', async () => {
    await appendFile(join(root, 'manuscript', '02-first-essay.md'), '\nOne more paragraph.\n');
    await buildsAgain(WEB, 'manuscript/02-first-essay.md changed');
    expect((await runCli(root, WEB)).stderr).toMatch(unchanged);
  });

  it('builds again when a chart\'s data changed', async () => {
    await appendFile(join(root, 'charts', 'data', 'likes-fixtures.yaml'), '\n# checked again\n');
    await buildsAgain(WEB, 'charts/data/likes-fixtures.yaml changed');
  });

  it('builds again when a file is added to manuscript/, and a new chapter file there is refused', async () => {
    await writeFile(join(root, 'manuscript', 'notes.txt'), 'not a chapter');
    await buildsAgain(WEB, 'the files in manuscript/ changed');
    await writeFile(join(root, 'manuscript', '04-new.md'), '# New\n\nA chapter not in the order.\n');
    const result = await runCli(root, WEB);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('chapter file 04-new.md is not in the chapter order');
    await rm(join(root, 'manuscript', '04-new.md'));
    // The refused build left the record as it was: back as it was, nothing changed.
    expect((await runCli(root, WEB)).stderr).toMatch(unchanged);
  });

  it('builds again when a file of dist/ was deleted, and puts it back', async () => {
    await rm(join(root, 'dist', 'data-report.md'));
    await buildsAgain(WEB, 'the output folder is not as the last build left it');
    expect((await lstat(join(root, 'dist', 'data-report.md'))).isFile()).toBe(true);
  });

  it('does not take a file of dist/ edited by hand for the build\'s: the build runs and refuses to replace it', async () => {
    await appendFile(join(root, 'dist', 'data-report.md'), '\nmy notes\n');
    const result = await runCli(root, WEB);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('data-report.md (changed since a build wrote it)');
    await rm(join(root, 'dist', 'data-report.md'));
    await buildsAgain();
  });

  it('builds again when the environment the build reads changed (SOURCE_DATE_EPOCH dates the outputs)', async () => {
    const result = await runCli(root, [...WEB, '--verbose'], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(result.stderr).toMatch(built);
    expect(result.stderr).toContain('Building: SOURCE_DATE_EPOCH changed.');
    expect((await runCli(root, WEB, { SOURCE_DATE_EPOCH: '1700000000' })).stderr).toMatch(unchanged);
  });

  it('builds again for other options, and always with --no-cache', async () => {
    // The step before ended with this very build found unchanged: with --no-cache it runs. (A
    // cold web-only build: a cold ePub one costs ~2.5 s of CPU more, for the same claim.)
    const epoch = { SOURCE_DATE_EPOCH: '1700000000' };
    await buildsAgain([...WEB, '--no-cache'], undefined, epoch);
    await buildsAgain(['build', '--only', 'epub'], 'other options (--only, --press) than the last build\'s', epoch);
    expect((await runCli(root, ['build', '--only', 'epub'], epoch)).stderr).toMatch(unchanged);
  });
});
