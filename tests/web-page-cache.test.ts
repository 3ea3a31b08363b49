import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

/** Every file of a folder with its bytes. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(paths.map(async (f) => [relative(dir, f), await readFile(f)] as const)));
}

/** The web pages kept in the cache (web/cached-pages.ts), each as its HTML's title says, the pieces of "read all" by section, and the search indexes. */
async function keptPages(root: string): Promise<Map<string, string>> {
  const dir = join(root, '.cache', 'web-pages');
  const kept = new Map<string, string>();
  for (const name of await readdir(dir)) {
    // An entry is its content's SHA-256 (32 bytes), then the content.
    const text = (await readFile(join(dir, name))).subarray(32).toString('utf8');
    const entry = JSON.parse(text) as { html?: string; ids?: string[] };
    if (entry.html === undefined) kept.set(name, 'search index');
    else if (entry.ids !== undefined) kept.set(name, `a section of "read all" (${/<(?:article|section)[^>]* id="([^"]+)"/.exec(entry.html)![1]!})`);
    else kept.set(name, /<title>([^<]*)<\/title>/.exec(entry.html)![1]!);
  }
  return kept;
}

const web = (root: string, outDir: string, noCache = false) => build({ root, outDir, only: ['web'], noCache });

describe('the web edition\'s pages in the cache', () => {
  it('after a chapter\'s edit makes again that chapter\'s page, its part of "read all" and search, and the edition equals a cold build\'s', async () => {
    const root = await makeFixtureBook();
    try {
      await web(root, 'dist');
      const before = await files(join(root, 'dist', 'web'));
      const keptBefore = await keptPages(root);
      expect([...keptBefore.values()].filter((t) => t === 'search index')).toHaveLength(1);

      await appendFile(join(root, 'manuscript', '02-first-essay.md'), '\nAn edit for the cache test.\n');
      await web(root, 'dist');
      const after = await files(join(root, 'dist', 'web'));
      const made = [...(await keptPages(root))].filter(([name]) => !keptBefore.has(name)).map(([, title]) => title).sort();
      expect(made).toEqual(['Search · Fixture Book', 'Zażółć gęślą jaźń: an Essay · Fixture Book', 'a section of "read all" (first-essay)', 'search index']);

      // The pages whose bytes changed are the ones made again; every other file is as it was.
      const changed = [...after].filter(([path, bytes]) => !before.get(path)?.equals(bytes)).map(([path]) => path).sort();
      expect(changed).toEqual(['all/index.html', 'part-1/first-essay/index.html', 'search/index.html']);
      expect(after.get('part-1/first-essay/index.html')!.toString('utf8')).toContain('An edit for the cache test.');

      // Built from the cache, the web edition is byte for byte the one a cold build makes.
      await web(root, 'cold', true);
      const cold = await files(join(root, 'cold', 'web'));
      expect([...cold.keys()].sort()).toEqual([...after.keys()].sort());
      for (const [path, bytes] of cold) expect(after.get(path)!.equals(bytes), path).toBe(true);

      // A chapter's title is on other pages too (the pager, the part's contents): they are made again.
      const essay = join(root, 'manuscript', '02-first-essay.md');
      await writeFile(essay, (await readFile(essay, 'utf8')).replace('title: "Zażółć gęślą jaźń: an Essay"', 'title: "Zażółć gęślą jaźń: a Retitled Essay"'));
      await web(root, 'dist');
      await web(root, 'cold-again', true);
      const retitled = await files(join(root, 'dist', 'web'));
      const coldAgain = await files(join(root, 'cold-again', 'web'));
      expect([...retitled.keys()].sort()).toEqual([...coldAgain.keys()].sort());
      for (const [path, bytes] of coldAgain) expect(retitled.get(path)!.equals(bytes), path).toBe(true);
      expect([...retitled].filter(([path, bytes]) => path.endsWith('.html') && !after.get(path)!.equals(bytes)).length).toBeGreaterThan(3);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
