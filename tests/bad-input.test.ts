import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

/** Builds a broken fixture book over an existing dist/ and returns the errors it reported. */
async function failingBuild(edit: Parameters<typeof makeFixtureBook>[0]): Promise<{ errors: Diagnostic[]; distUntouched: boolean }> {
  const root = await makeFixtureBook(edit);
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', 'previous.txt'), 'the previous build');
  let error: unknown;
  try {
    // web only: the failure happens before any output, so the browser is not needed.
    await build({ root, only: ['web'] });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BuildError);
  const distUntouched = (await readFile(join(root, 'dist', 'previous.txt'), 'utf8')) === 'the previous build';
  return { errors: (error as BuildError).diagnostics.filter((d) => d.severity === 'error'), distUntouched };
}

describe('bad input fails the build with file:line:col and leaves dist/ alone', () => {
  it('malformed front matter', async () => {
    const { errors, distUntouched } = await failingBuild({
      'manuscript/02-first-essay.md': (s) => s.replace('kind: essay', 'kind: [essay'),
    });
    expect(distUntouched).toBe(true);
    // The YAML parser notices the unclosed `[` where the next key starts.
    expect(errors[0]).toMatchObject({ file: 'manuscript/02-first-essay.md', line: 5 });
    expect(formatDiagnostic(errors[0]!)).toMatch(/^manuscript\/02-first-essay\.md:5:\d+: error: invalid YAML/);
  });

  it('a front matter field of the wrong kind', async () => {
    const { errors } = await failingBuild({ 'manuscript/02-first-essay.md': (s) => s.replace('kind: essay', 'kind: novel') });
    expect(errors[0]).toMatchObject({ file: 'manuscript/02-first-essay.md', line: 4, column: 7 });
    expect(errors[0]!.message).toMatch(/kind/);
  });

  it('an unknown directive', async () => {
    const { errors, distUntouched } = await failingBuild({
      'manuscript/02-first-essay.md': (s) => `${s}\n::video{src="x.mp4"}\n`,
    });
    expect(distUntouched).toBe(true);
    const e = errors.find((d) => d.message.includes('unknown directive'));
    expect(e).toMatchObject({ file: 'manuscript/02-first-essay.md', line: 35, column: 1 });
    expect(e!.hint).toMatch(/::chart/);
  });

  it('a missing chapter file', async () => {
    const { errors, distUntouched } = await failingBuild({ 'manuscript/03-survey.md': null });
    expect(distUntouched).toBe(true);
    expect(errors[0]).toMatchObject({ file: 'manuscript/book.yaml' });
    expect(errors[0]!.message).toMatch(/03-survey\.md does not exist/);
    expect(errors[0]).toMatchObject({ line: 17, column: 5 });
  });

  it('raw HTML with a script is refused', async () => {
    const { errors } = await failingBuild({
      'manuscript/02-first-essay.md': (s) => `${s}\n<script>alert(1)</script>\n`,
    });
    expect(errors.find((d) => d.ruleId === 'raw-html')).toMatchObject({ line: 35, column: 1 });
  });

  it('a link to a missing section', async () => {
    const { errors } = await failingBuild({
      'manuscript/02-first-essay.md': (s) => s.replace('(#a-code-listing)', '(#no-such-section)'),
    });
    expect(errors.find((d) => d.ruleId === 'xref')).toMatchObject({ file: 'manuscript/02-first-essay.md', line: 14 });
  });

  it('several errors are reported together', async () => {
    const { errors } = await failingBuild({
      'manuscript/02-first-essay.md': (s) => `${s}\n::video{src="x.mp4"}\n`,
      'manuscript/03-survey.md': (s) => s.replace(':stat[likes-fixtures/yes]', ':stat[likes-fixtures/maybe]'),
    });
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set(['manuscript/02-first-essay.md', 'manuscript/03-survey.md']));
  });
});
