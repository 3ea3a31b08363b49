import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';
import { run } from './helpers/run.js';
import { unzipEpub } from './helpers/unzip-epub.js';
import { pdfWords } from './helpers/pdf-typography.js';

/**
 * The brand in one file (issue 26): the fixture book with only styles/tokens.css changed, its
 * body face set in Inter (the sans's package) instead of Source Serif 4, a smaller page and
 * other margins, built warm after a build with the old brand. Every edition follows: the PDF's fonts and page, its text's left edge, the web
 * edition's faces and preloads, the ePub's embedded fonts.
 */
const MM = 72 / 25.4;
const PAGE = { width: 176, height: 250, top: 20, right: 30, bottom: 22, left: 18 };

const edited = (css: string) => {
  const changed = css
    .replace(/--font-text-family: [^;]+;/, '--font-text-family: "Inter";')
    .replace(/--font-text-files: [^;]+;/, '--font-text-files: "@fontsource/inter";')
    .replace(/--font-text-weights: [^;]+;/, '--font-text-weights: 400 700;')
    .replace(/--font-text-italics: [^;]+;/, '--font-text-italics: 400;')
    .replace(/--page-width: [^;]+;/, `--page-width: ${PAGE.width}mm;`)
    .replace(/--page-height: [^;]+;/, `--page-height: ${PAGE.height}mm;`)
    .replace(/--page-margin-top: [^;]+;/, `--page-margin-top: ${PAGE.top}mm;`)
    .replace(/--page-margin-right: [^;]+;/, `--page-margin-right: ${PAGE.right}mm;`)
    .replace(/--page-margin-bottom: [^;]+;/, `--page-margin-bottom: ${PAGE.bottom}mm;`)
    .replace(/--page-margin-left: [^;]+;/, `--page-margin-left: ${PAGE.left}mm;`);
  if (changed === css) throw new Error('tokens.css has none of the tokens the test changes');
  return changed;
};

/** The x of the leftmost word on each page but the first (the cover, which has no margin), in points. */
function leftEdges(pdf: string): number[] {
  const lefts = new Map<number, number>();
  for (const w of pdfWords(pdf, 2)) lefts.set(w.page, Math.min(lefts.get(w.page) ?? Number.POSITIVE_INFINITY, w.xMin));
  return [...lefts.values()];
}

describe.skipIf(!hasValidator('pdffonts') || !hasValidator('pdftotext'))('a face and page change in tokens.css alone', () => {
  let root: string;
  let dist: string;
  beforeAll(async () => {
    // First built with the repository's tokens, into base/, filling the book's cache; then
    // tokens.css changes and the same book builds again, warm: what the cache and the tool
    // cache hold of the faces and the page must not be taken for the new brand's.
    root = await makeFixtureBook();
    await build({ root, outDir: 'base', only: ['pdf'] });
    const tokens = join(root, 'styles', 'tokens.css');
    await writeFile(tokens, edited(await readFile(tokens, 'utf8')));
    await build({ root });
    dist = join(root, 'dist');
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('prints the PDF in the new body face, on the new page, its text at the new left margin', () => {
    const pdf = join(dist, 'fixture-book.pdf');
    const fonts = run('pdffonts', [pdf]);
    expect(fonts).not.toMatch(/SourceSerif/);
    expect(fonts).toMatch(/\+Inter-Regular\b/);
    expect(fonts).toMatch(/\+Inter-Italic\b/);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(run('pdfinfo', [pdf]))!;
    expect(Number(size[1])).toBeCloseTo(PAGE.width * MM, 0);
    expect(Number(size[2])).toBeCloseTo(PAGE.height * MM, 0);
    // Left-aligned text starts at the margin (a glyph's side bearing from it, not a millimetre).
    const edges = leftEdges(pdf);
    expect(edges.length).toBeGreaterThan(1);
    expect(Math.min(...edges)).toBeGreaterThanOrEqual(PAGE.left * MM - 1);
    expect(Math.min(...edges)).toBeLessThan(PAGE.left * MM + 2);
    // And the default page's margin (34 mm) was somewhere else.
    expect(Math.min(...leftEdges(join(root, 'base', 'fixture-book.pdf')))).toBeGreaterThan(34 * MM - 1);
  });

  it('ships the web edition the new body face: its faces, its preloads', async () => {
    const web = join(dist, 'web');
    const css = await readFile(join(web, 'assets', 'book.css'), 'utf8');
    expect(css).not.toContain('Source Serif 4');
    expect(css).toMatch(/@font-face \{ font-family: "Inter"; font-style: italic; font-weight: 400;/);
    const fonts = await readdir(join(web, 'assets', 'fonts'));
    expect(fonts.filter((f) => f.startsWith('source-serif-4'))).toEqual([]);
    const html = await readFile(join(web, 'index.html'), 'utf8');
    // The page adds its preload links by script (not from disk: file:// fonts cannot be preloaded, web-document.ts).
    const listed = /for\(const f of (\[[^\]]*\])\)/.exec(html)?.[1];
    const preloads = (JSON.parse(listed ?? '[]') as string[]).map((href) => href.split('/').at(-1)!);
    // The text face and the sans are now one: its regular and bold.
    expect(preloads.sort()).toEqual(['inter-latin-400-normal.woff2', 'inter-latin-700-normal.woff2']);
    // The download box names the PDF's page.
    expect(html).toContain('B5, for print and screen');
  });

  it('embeds the new body face in the ePub, and sets its text in it', async () => {
    const oebps = await unzipEpub(join(dist, 'fixture-book.epub'), join(root, 'epub'));
    const fonts = await readdir(join(oebps, 'fonts'));
    expect(fonts.filter((f) => f.startsWith('source-serif-4'))).toEqual([]);
    expect(fonts).toContain('inter-latin-400-italic.ttf');
    const css = await readFile(join(oebps, 'style.css'), 'utf8');
    expect(css).toMatch(/html \{[^}]*font-family: "Inter", "Noto Sans Math", "Brand Text Fallback", Georgia, serif;/);
  });
});
