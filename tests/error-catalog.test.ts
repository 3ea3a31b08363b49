import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { build } from '../scripts/build.js';
import { reportFailure } from '../scripts/cli/build-command.js';
import { createTerminal } from '../scripts/cli/terminal.js';
import { runCli } from './helpers/run-cli.js';

/**
 * The catalog of author mistakes: each folder of tests/fixtures/errors/ breaks the fixture book
 * (edits.yaml, and raw files under files/) and holds the diagnostics the build must print
 * (expected.txt): every problem at once, as file:line:col with a hint, a summary line last,
 * exit status 1, dist/ untouched. A case that fails is built in this process and reported by the
 * command line's own `reportFailure` (what `build` prints for a failed build, and the status it
 * exits with), ~1 s of CPU less than starting a process for each; the cases in THROUGH_CLI, and
 * every case that only warns (its summary and --strict), run the real command line.
 * UPDATE=1 rewrites expected.txt from the real command line's output (then review the diff).
 */
const CASES = join(import.meta.dirname, 'fixtures', 'errors');
const DIAGNOSTIC = /^\S[^:]*:\d+:\d+: (error|warning): /;

interface Edit {
  readonly file: string;
  readonly replace?: string;
  readonly with?: string;
  readonly append?: string;
  readonly write?: string;
  readonly delete?: boolean;
}

async function applyCase(root: string, dir: string): Promise<void> {
  const edits = parse(await readFile(join(dir, 'edits.yaml'), 'utf8').catch(() => '[]')) as Edit[] ?? [];
  for (const edit of edits) {
    const path = join(root, edit.file);
    if (edit.delete) await rm(path);
    else if (edit.write !== undefined) await writeFile(path, edit.write);
    else if (edit.append !== undefined) await writeFile(path, (await readFile(path, 'utf8')) + edit.append);
    else if (edit.replace !== undefined) {
      const text = await readFile(path, 'utf8');
      // A fixture book that changed under the catalog must fail loudly, not test nothing.
      expect(text, `${edit.file} must contain ${JSON.stringify(edit.replace)}`).toContain(edit.replace);
      await writeFile(path, text.replace(edit.replace, edit.with ?? ''));
    }
  }
  if (existsSync(join(dir, 'files'))) await cp(join(dir, 'files'), root, { recursive: true });
}

/** Each diagnostic line with the hint line below it, if any. */
function diagnosticsIn(output: string): string[][] {
  const lines = output.split('\n');
  return lines.flatMap((line, i) => (DIAGNOSTIC.test(line) ? [[line, ...(lines[i + 1]?.startsWith('  hint: ') ? [lines[i + 1]!] : [])]] : []));
}

const names = (await readdir(CASES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
/** Failing cases also run through the real command line: one per stage that refuses, and one escaping author text. */
const THROUGH_CLI = new Set(['book-yaml-syntax', 'errors-across-stages', 'message-terminal-escapes']);
const fails = (name: string) => readFileSync(join(CASES, name, 'expected.txt'), 'utf8').split('\n').some((l) => DIAGNOSTIC.test(l) && / error: /.test(l));
const runs = names.flatMap((name) => [
  ...(fails(name) && !process.env.UPDATE ? [[name, 'in process'] as const] : []),
  ...(!fails(name) || THROUGH_CLI.has(name) || process.env.UPDATE ? [[name, 'command line'] as const] : []),
]);

/** The web-only build in this process, reported as `build` reports a failure: its exit status and what it prints. */
async function buildInProcess(root: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const terminal = createTerminal('normal', { write: (text) => { stderr += text; } }, { NO_COLOR: '' });
  try {
    await build({ root, only: ['web'] });
    return { code: 0, stderr };
  } catch (e) {
    return { code: reportFailure(terminal, e, false), stderr };
  }
}
let warmCache = '';

beforeAll(async () => {
  // The unbroken book builds without a single diagnostic, so each case's lines are its own;
  // its cache is given to every case, as an author's machine would have it.
  const root = await makeFixtureBook();
  const clean = await runCli(root, ['build', '--only', 'web']);
  expect(clean.code, clean.stderr).toBe(0);
  expect(diagnosticsIn(clean.stderr)).toEqual([]);
  warmCache = join(root, '.cache');
});

describe('the error catalog', () => {
  it('every case states the diagnostics it expects', () => {
    for (const name of names) expect(readFileSync(join(CASES, name, 'expected.txt'), 'utf8').trim(), name).not.toBe('');
  });

  it.skipIf(process.env.UPDATE)('every failing case runs in this process, and some through the command line too', () => {
    expect(runs.filter(([name, how]) => how === 'in process' && THROUGH_CLI.has(name)).length).toBe(THROUGH_CLI.size);
    expect(new Set(runs.map(([name]) => name))).toEqual(new Set(names));
  });

  describe.concurrent.each(runs)('%s (%s)', (name, how) => {
    it('prints exactly the expected diagnostics, then fails or warns as it should', async () => {
      const dir = join(CASES, name);
      const root = await makeFixtureBook();
      await applyCase(root, dir);
      await cp(warmCache, join(root, '.cache'), { recursive: true });
      await mkdir(join(root, 'dist'), { recursive: true });
      await writeFile(join(root, 'dist', 'previous.txt'), 'the previous build');

      const { code, stderr } = how === 'in process' ? await buildInProcess(root) : await runCli(root, ['build', '--only', 'web']);
      const found = diagnosticsIn(stderr);
      if (process.env.UPDATE) await writeFile(join(dir, 'expected.txt'), `${found.flat().join('\n')}\n`);
      const expected = (await readFile(join(dir, 'expected.txt'), 'utf8')).split('\n').filter(Boolean);

      // The same diagnostics, in order; a hint in expected.txt must be the one printed.
      expect(found.map((d) => d[0]), stderr).toEqual(expected.filter((l) => DIAGNOSTIC.test(l)));
      for (const [i, line] of expected.entries()) {
        if (line.startsWith('  hint: ')) expect(found.find((d) => d[0] === expected[i - 1])?.[1]).toBe(line);
      }
      expect(stderr).not.toContain('\x1b[');
      const errors = found.filter((d) => / error: /.test(d[0]!));
      const last = stderr.trimEnd().split('\n').at(-1)!;
      if (errors.length > 0) {
        expect(code).toBe(1);
        expect(errors.every((d) => d.length === 2), 'every error has a hint').toBe(true);
        expect(last).toMatch(/^\d+ errors? in \d+ files?, \d+ warnings?; dist\/ was not changed\.$/);
        expect(last).toContain(`${errors.length} error`);
        expect(await readFile(join(root, 'dist', 'previous.txt'), 'utf8')).toBe('the previous build');
        expect(existsSync(join(root, 'dist', 'web'))).toBe(false);
      } else {
        // Warnings never fail a build, unless --strict.
        expect(code, stderr).toBe(0);
        expect(last).toMatch(/^Built in /);
        expect((await stat(join(root, 'dist', 'web'))).isDirectory()).toBe(true);
        const strict = await runCli(root, ['build', '--only', 'web', '--strict']);
        expect(strict.code).toBe(1);
        expect(strict.stderr.trimEnd().split('\n').at(-1)).toMatch(/--strict: the build fails/);
      }
      await rm(root, { recursive: true, force: true });
    });
  });
});
