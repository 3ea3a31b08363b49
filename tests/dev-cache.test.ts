import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { contentHash } from '../scripts/cache/content-hash.js';
import { diskStore } from '../scripts/cache/content-store.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

/** Every file of a folder with its bytes, to compare two builds' web editions. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(files.map(async (f) => [relative(dir, f), (await readFile(f)).toString('base64')] as const)));
}

const web = (root: string, out: string) => build({ root, outDir: out, only: ['web'] });

describe('the build cache (.cache/)', () => {
  it('recomputes only what an edit touches, and a cached build equals a cold one', async () => {
    const root = await makeFixtureBook();
    const cold = await web(root, 'dist');
    expect(cold.cache.chapters.made).toHaveLength(3);
    expect(cold.cache.charts.made).toEqual(['likes-fixtures']);

    const warm = await web(root, 'dist');
    expect(warm.cache.chapters).toEqual({ reused: 3, made: [] });
    expect(warm.cache.charts).toEqual({ reused: 1, made: [] });

    // One chapter's text: only that chapter.
    const essay = join(root, 'manuscript/02-first-essay.md');
    await writeFile(essay, (await readFile(essay, 'utf8')).replace('says "hello"', 'says "bonjour"'));
    const edited = await web(root, 'dist');
    expect(edited.cache.chapters.made).toEqual(['first-essay']);
    expect(edited.cache.charts.made).toEqual([]);

    // A chart's spec: that chart, and the chapter that places it (its SVG is inlined there).
    const spec = join(root, 'charts/likes-fixtures.vl.json');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('} }', '}, "width": 360 }'));
    const respec = await web(root, 'dist');
    expect(respec.cache.charts.made).toEqual(['likes-fixtures']);
    expect(respec.cache.chapters.made).toEqual(['survey']);

    // The data a chapter quotes with :stat (and its chart draws): chart and chapter again.
    const data = join(root, 'charts/data/likes-fixtures.yaml');
    await writeFile(data, (await readFile(data, 'utf8')).replace('label: "No"', 'label: "No, never"'));
    const redata = await web(root, 'dist');
    expect(redata.cache.charts.made).toEqual(['likes-fixtures']);
    expect(redata.cache.chapters.made).toEqual(['survey']);

    // A figure the essay inlines.
    const figure = join(root, 'manuscript/figures/box.svg');
    await writeFile(figure, (await readFile(figure, 'utf8')).replace(/fill="[^"]*"/, 'fill="#ff0000"'));
    const refigure = await web(root, 'dist');
    expect(refigure.cache.chapters.made).toEqual(['first-essay']);

    // The theme: every chart.
    const theme = join(root, 'charts/theme.json');
    await writeFile(theme, (await readFile(theme, 'utf8')).replace('"padding": 4', '"padding": 6'));
    expect((await web(root, 'dist')).cache.charts.made).toEqual(['likes-fixtures']);

    // Built from the cache, the web edition is byte for byte the one a cold build makes.
    await web(root, 'dist');
    const fresh = await build({ root, outDir: 'cold', only: ['web'], noCache: true });
    expect(fresh.cache.chapters.made).toHaveLength(3);
    expect(await tree(join(root, 'cold', 'web'))).toEqual(await tree(join(root, 'dist', 'web')));
    await rm(root, { recursive: true, force: true });
  });

  it('draws no image twice: a warm ePub and web build starts no browser at all', async () => {
    const root = await makeFixtureBook();
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    try {
      await build({ root, only: ['epub', 'web'] });
      const epub = await readFile(join(root, 'dist', 'fixture-book.epub'));
      // Any launch would now fail: the cover, the chart images and the sharing images come from .cache/.
      process.env.PUPPETEER_EXECUTABLE_PATH = join(root, 'no-such-browser');
      await build({ root, only: ['epub', 'web'] });
      expect(await readFile(join(root, 'dist', 'fixture-book.epub'))).toEqual(epub);
      await expect(build({ root, only: ['pdf'] })).rejects.toThrow(/PUPPETEER_EXECUTABLE_PATH is .*, which is not an executable file/);
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
      await rm(root, { recursive: true, force: true });
    }
  });

  it('--no-cache neither reads nor writes .cache/', async () => {
    const root = await makeFixtureBook();
    const result = await build({ root, only: ['web'], noCache: true });
    expect(result.cache.chapters.reused).toBe(0);
    expect(existsSync(join(root, '.cache'))).toBe(false);
    await rm(root, { recursive: true, force: true });
  });

  it('prunes entries no build used for a long time, and keeps the ones read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ptr-store-'));
    const store = diskStore(dir);
    await store.write('chapters', 'old', 'x');
    await store.write('chapters', 'used', 'y');
    const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await utimes(join(dir, 'chapters', 'old'), longAgo, longAgo);
    await utimes(join(dir, 'chapters', 'used'), longAgo, longAgo);
    expect((await store.read('chapters', 'used'))?.toString()).toBe('y');
    expect(await store.prune(14 * 24 * 3600 * 1000)).toBe(1);
    expect(await store.read('chapters', 'old')).toBeUndefined();
    expect((await store.read('chapters', 'used'))?.toString()).toBe('y');
    await rm(dir, { recursive: true, force: true });
  });

  it('keys never collide by moving a boundary between inputs', () => {
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
    expect(contentHash('a')).toBe(contentHash('a'));
  });
});
