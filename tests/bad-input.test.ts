import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { BuildError, type Diagnostic } from '../scripts/diagnostics/diagnostic.js';
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

// The other author mistakes, printed exactly as the command line prints them: tests/fixtures/errors/.
describe('bad input fails the build with file:line:col and leaves dist/ alone', () => {
  it('a front matter field of the wrong kind', async () => {
    const { errors, distUntouched } = await failingBuild({ 'manuscript/02-first-essay.md': (s) => s.replace('kind: essay', 'kind: novel') });
    expect(distUntouched).toBe(true);
    expect(errors[0]).toMatchObject({ file: 'manuscript/02-first-essay.md', line: 4, column: 7 });
    expect(errors[0]!.message).toMatch(/kind/);
  });
});
