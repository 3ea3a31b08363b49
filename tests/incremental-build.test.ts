import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Every file of `a` and `b`, by path: the same set, the same bytes (the names of those that differ). */
async function differences(a: string, b: string): Promise<string[]> {
  const [left, right] = [await filesUnder(a), await filesUnder(b)];
  expect(right).toEqual(left);
  const differ: string[] = [];
  for (const file of left) if (!(await readFile(join(a, file))).equals(await readFile(join(b, file)))) differ.push(file);
  return differ;
}

const edit = async (root: string, path: string, change: (old: string) => string) => {
  const full = join(root, path);
  await writeFile(full, change(await readFile(full, 'utf8')));
};

describe.skipIf(!hasValidator('chromium'))('an incremental build', () => {
  // Correct before fast: whatever a warm build took from the cache, what it wrote is what a
  // cold build of the same sources writes, to the byte, in every edition.
  it('writes the same bytes as a cold build after each kind of edit, and reprints only what the edit touched', async () => {
    const root = await makeFixtureBook();
    const first = await build({ root, outDir: 'dist' });
    const units = first.printUnits!.printed;
    expect(units).toBeGreaterThan(3);
    const pagesOf = (r: Awaited<ReturnType<typeof build>>) => r.outputs.find((o) => o.output === 'pdf')!.pages!;
    let pages = pagesOf(first);
    const edits: Array<[string, () => Promise<void>, (reused: number, moved: number) => void]> = [
      // A word in the essay: its unit only.
      ['a paragraph that moves no page', () => edit(root, 'manuscript/02-first-essay.md', (s) => s.replace('says "hello"', 'says "hullo"')), (reused, moved) => { expect(reused).toBe(units - 1); expect(moved).toBe(0); }],
      // Pages of prose in the essay: the units after it start later, but a unit's print does not
      // depend on its page (folios are drawn on the assembled book): the essay and the contents only.
      ['paragraphs that move the later pages', () => edit(root, 'manuscript/02-first-essay.md', (s) => `${s.trimEnd()}\n\n${Array.from({ length: 30 }, (_, i) => `An added paragraph, number ${i}, long enough to take a few lines of the printed page and push what follows.`).join('\n\n')}\n`), (reused, moved) => { expect(reused).toBe(units - 2); expect(moved).toBeGreaterThan(0); }],
      // The contents shows it: the essay and the contents are printed again.
      ['a heading renamed', () => edit(root, 'manuscript/02-first-essay.md', (s) => s.replace('## A code listing', '## The code listing').replace('(#a-code-listing)', '(#the-code-listing)')), (reused) => expect(reused).toBe(units - 2)],
      ['a chart\'s data changed', () => edit(root, 'charts/data/likes-fixtures.yaml', (s) => s.replace('share: 54.9', 'share: 60.9').replace('share: 45.1', 'share: 39.1')), (reused) => expect(reused).toBeGreaterThanOrEqual(units - 2)],
    ];
    for (const [what, change, reuse] of edits) {
      await change();
      const warm = await build({ root, outDir: 'dist' });
      reuse(warm.printUnits!.reused, pagesOf(warm) - pages);
      pages = pagesOf(warm);
      await build({ root, outDir: `cold`, noCache: true });
      expect(await differences(join(root, 'cold'), join(root, 'dist')), what).toEqual([]);
    }
  });
});
