import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';

const MARKER = 'previous.txt';
const PREVIOUS = 'the previous build';

/** A previous build's marker in `root/dist`, to show that a refused build left dist/ as it was. */
export async function withPreviousDist(root: string): Promise<string> {
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', MARKER), PREVIOUS);
  return root;
}

/**
 * A refused build: exit 1, no stack trace, a last line saying dist/ was not changed (`summary`),
 * and dist/ holding only the previous build's marker, unchanged.
 */
export async function expectRefused(root: string, result: { code: number; stderr: string }, summary = /dist\/ was not changed\.$/): Promise<void> {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(summary);
  expect(await readFile(join(root, 'dist', MARKER), 'utf8')).toBe(PREVIOUS);
  expect(await readdir(join(root, 'dist'))).toEqual([MARKER]);
}
