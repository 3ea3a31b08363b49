import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';

/**
 * With no browser to be had, the build says so in one message and exits 1: no stack trace, on a
 * terminal or not. The search is pointed at nothing (no system places, an empty puppeteer cache)
 * and PTR_BROWSER=system keeps the embedded Chromium out of it.
 */
const REPO = join(import.meta.dirname, '..');
/** What `npm run build` runs: the command line's bundle (scripts/cli/launch.mjs), not tsx. */
const LAUNCH = join(REPO, 'scripts', 'cli', 'launch.mjs');

interface Run { code: number | null; output: string }

async function noBrowserEnv(): Promise<NodeJS.ProcessEnv> {
  const { PUPPETEER_EXECUTABLE_PATH: _ignored, ...env } = process.env;
  return { ...env, PTR_BROWSER: 'system', PTR_SYSTEM_BROWSERS: '', PUPPETEER_CACHE_DIR: await mkdtemp(join(tmpdir(), 'ptr-no-browsers-')), NO_COLOR: '1' };
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
}

function expectCleanFailure(result: Run): void {
  expect(result.code).toBe(1);
  expect(result.output).toContain('No Chrome or Chromium was found to print the PDF.');
  expect(result.output).toContain('PTR_BROWSER=system: the embedded Chromium is not used');
  // A stack trace has "    at fn (file:line:col)" lines.
  expect(result.output).not.toMatch(/^\s+at .+[:(]/m);
  expect(result.output).not.toContain('BrowserNotFoundError');
}

describe('no browser found', () => {
  it('exits 1 with one message and no stack trace, dist/ not written', async () => {
    const root = await makeFixtureBook();
    const result = await run(process.execPath, [LAUNCH, 'build', '--only', 'pdf'], root, await noBrowserEnv());
    expectCleanFailure(result);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  // `script` gives the command a pseudo-terminal: the progress line is drawn, the message is the same.
  it.skipIf(!existsSync('/usr/bin/script'))('says the same on a terminal', async () => {
    const root = await makeFixtureBook();
    const command = [process.execPath, LAUNCH, 'build', '--only', 'pdf'].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const result = await run('/usr/bin/script', ['-qec', command, '/dev/null'], root, await noBrowserEnv());
    expectCleanFailure(result);
  });
});
