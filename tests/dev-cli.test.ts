import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createTerminal } from '../scripts/cli/terminal.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

const REPO = join(import.meta.dirname, '..');
/** What `npm run build` and `npm run dev` run: the command line's bundle (scripts/cli/launch.mjs), not tsx. */
const LAUNCH = join(REPO, 'scripts', 'cli', 'launch.mjs');

function cli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCH, ...args], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A stream that records what a terminal writes, claiming to be a TTY or not. */
function fakeStream(isTTY: boolean) {
  let text = '';
  return { isTTY, columns: 80, write: (s: string) => { text += s; return true; }, text: () => text };
}

describe('the command line', () => {
  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['build', '--version'], ['-v']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(`python-tech-radar ${version}`);
      // Run from its bundle: a launcher that falls back to tsx says so (and costs every start ~1.5 s of CPU).
      expect(r.stderr).toBe('');
    }
  });

  it('--help on every command, and help <command>', async () => {
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/Commands:\n\s+build[\s\S]*dev/);
    for (const [args, usage] of [[['build', '--help'], 'Usage: npm run build'], [['dev', '-h'], 'Usage: npm run dev'], [['help', 'build'], 'Usage: npm run build']] as const) {
      const r = await cli([...args]);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(usage)).toBe(true);
    }
    expect((await cli(['build', '--help'])).stdout).toContain('--no-cache');
  });

  it('bad usage exits with 2 and says what to do', async () => {
    const unknownOption = await cli(['build', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option '--colour'[\s\S]*build --help/);
    const unknownCommand = await cli(['publish']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "publish"');
    const badOnly = await cli(['build', '--only', 'mobi']);
    expect(badOnly.code).toBe(2);
  });

  it('--quiet prints nothing on success; the normal summary names each output with its size', async () => {
    const root = await makeFixtureBook();
    const quiet = await cli(['build', '--only', 'web', '--quiet'], root);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    // --no-cache: with nothing changed since the quiet build, a build would only say so (tests/unchanged-build.test.ts).
    const normal = await cli(['build', '--only', 'web', '--verbose', '--no-cache'], root);
    expect(normal.stderr).toMatch(/^ {2}dist\/web\/index\.html +\d+ KiB$/m);
    expect(normal.stderr).toMatch(/^ {2}dist\/data-report\.md +\d+ KiB$/m);
    // (How much is reused is tested in dev-cache.test.ts; here, that the summary says it.)
    expect(normal.stderr).toMatch(/^Built in \d+\.\d s; reused \d of 3 chapters and \d of 1 charts from \.cache\/\.$/m);
    expect(normal.stderr).toContain('… compile');
    expect(normal.stderr).not.toContain('\x1b[');
  });

  it('colours only on a terminal, never with NO_COLOR', () => {
    const paint = (isTTY: boolean, env: NodeJS.ProcessEnv) => {
      const stream = fakeStream(isTTY);
      const t = createTerminal('normal', stream, env);
      t.diagnostic({ file: 'a.md', line: 1, column: 2, severity: 'error', message: 'bad', hint: 'fix it' });
      return stream.text();
    };
    expect(paint(true, {})).toContain('\x1b[31merror:\x1b[39m');
    expect(paint(true, { NO_COLOR: '1' })).toBe('a.md:1:2: error: bad\n  hint: fix it\n');
    expect(paint(false, {})).toBe('a.md:1:2: error: bad\n  hint: fix it\n');
    expect(paint(true, { TERM: 'dumb' })).not.toContain('\x1b[');
  });

  it('a progress line is redrawn in place on a terminal only', async () => {
    const { createProgress } = await import('../scripts/cli/progress.js');
    // The clock is the test's: the status line's ticker runs without waiting real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      for (const isTTY of [true, false]) {
        const stream = fakeStream(isTTY);
        const progress = createProgress(createTerminal('normal', stream, {}));
        progress.onStage('pdf', 'start');
        vi.advanceTimersByTime(250);
        progress.onStage('pdf', 'end', 250);
        progress.stop();
        if (isTTY) expect(stream.text()).toMatch(/\r\x1b\[2K.*pdf 0\.2 s/);
        else expect(stream.text()).toBe('✓ pdf (250 ms)\n');
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
