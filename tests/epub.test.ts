import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { loadBookConfig } from '../scripts/config/load-book.js';
import { epubDate } from '../scripts/epub/package-document.js';
import { CHART_SCALE } from '../scripts/render/raster-image.js';
import { hasValidator } from './helpers/validators.js';
import { epubcheck } from './helpers/epubcheck.js';

const epubPath = join(inject('reportDist'), 'python-tech-radar.epub');

const classes = (el: Element) => (el.properties.className as string[] | undefined) ?? [];
function all(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}
/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('the ePub edition', () => {
  let zip: JSZip;
  const text = (name: string) => zip.file(`OEBPS/${name}`)!.async('string');
  const doc = async (name: string) => fromHtml(await text(name));
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await readFile(epubPath));
  });

  it.skipIf(!hasValidator('epubcheck'))('passes EPUBCheck with 0 errors and 0 warnings', () => {
    const result = epubcheck(epubPath);
    expect(result, result.output).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });

  it('is a well-formed container: mimetype first and stored, fixed dates, our own metadata', async () => {
    const bytes = await readFile(epubPath);
    // Local file header of the first entry: name "mimetype", compression method 0 (stored).
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0);
    const opf = await text('content.opf');
    expect(opf).toContain('<dc:identifier id="book-id">urn:uuid:6f2b4c1e-9d3a-4c57-8a1e-2f5b7c0d9e41</dc:identifier>');
    expect(opf).toMatch(/<dc:description>\S[^<]+<\/dc:description>/);
    expect(opf).toMatch(/properties="cover-image"/);
    expect(opf).toContain('schema:accessibilitySummary');
    const dates = new Set(Object.values(zip.files).map((f) => f.date.getTime()));
    expect(dates.size).toBe(1);
  });

  it('describes the book: creator and contributors with roles, subjects, dates from the sources', async () => {
    const opf = await text('content.opf');
    const book = await loadBookConfig(process.cwd());
    expect(opf).toContain(`<meta property="dcterms:modified">${epubDate(book.modified)}</meta>`);
    expect(opf).toContain(`<dc:date>${book.date}</dc:date>`);
    expect(opf).toContain('<dc:creator id="creator-0">STX Next</dc:creator>');
    expect(opf).toContain('<meta property="role" refines="#creator-0" scheme="marc:relators">aut</meta>');
    for (const s of book.subjects) expect(opf).toContain(`<dc:subject>${s}</dc:subject>`);
    // Essay authors (aut) and commentary experts (cwt), each once, with the role refining them.
    const contributors = [...opf.matchAll(/<dc:contributor id="([^"]+)">([^<]+)<\/dc:contributor>/g)].map((m) => ({
      name: m[2]!, roles: [...opf.matchAll(new RegExp(`<meta property="role" refines="#${m[1]}" scheme="marc:relators">(\\w+)</meta>`, 'g'))].map((r) => r[1]),
    }));
    expect(contributors).toContainEqual({ name: 'Łukasz Langa', roles: ['aut'] });
    expect(contributors).toContainEqual({ name: 'Marcin Zabawa', roles: ['cwt'] });
    expect(new Set(contributors.map((c) => c.name)).size).toBe(contributors.length);
    expect(contributors.every((c) => c.roles.length > 0)).toBe(true);
  });

  it('shows every chart as a PNG at twice its size, with its alt text and its data table', async () => {
    const opf = await text('content.opf');
    let count = 0;
    for (const name of Object.keys(zip.files).filter((n) => /^OEBPS\/[^/]+\.xhtml$/.test(n))) {
      const file = name.slice('OEBPS/'.length);
      const tree = await doc(file);
      const chartData = new Map(all(tree, (el) => classes(el).includes('chart-data')).map((el) => [String(el.properties.id), el]));
      for (const figure of all(tree, (el) => el.tagName === 'figure' && classes(el).includes('chart'))) {
        count += 1;
        const id = String(figure.properties.dataQuestion);
        const graphic = figure.children.find((c): c is Element => c.type === 'element' && classes(c).includes('chart-graphic'))!;
        expect(graphic.properties.role, `${file} ${id}: the image carries the alternative, not its box`).toBeUndefined();
        const [img] = all(graphic, (el) => el.tagName === 'img');
        expect(img?.properties.src).toBe(`charts/${id}.png`);
        expect(String(img?.properties.alt)).toMatch(/^Bar chart\. .{20,}/);
        expect(all(graphic, (el) => el.tagName === 'svg')).toEqual([]);
        // Image → caption → table: the data table follows the figure, whose caption is its last child.
        expect(figure.children.filter((c): c is Element => c.type === 'element').at(-1)?.tagName).toBe('figcaption');
        expect(all(figure, (el) => el.tagName === 'table')).toEqual([]);
        expect(all(chartData.get(`${String(figure.properties.id)}-data`) ?? figure, (el) => el.tagName === 'table' && classes(el).includes('data-table'))).toHaveLength(1);
        // No width/height attributes (calibre would fix the height); the PNG is drawn at twice the chart's size.
        expect(img?.properties.width).toBeUndefined();
        const png = await zip.file(`OEBPS/charts/${id}.png`)!.async('uint8array');
        expect(pngSize(png).width % CHART_SCALE).toBe(0);
        expect(opf).toContain(`href="charts/${id}.png" media-type="image/png"`);
      }
    }
    expect(count).toBe(28);
    // Only chapters with drawn figures still hold SVG, and say so in the manifest.
    expect(opf).toMatch(/href="asynchronous-python.xhtml"[^>]*properties="svg"/);
    expect(opf).not.toMatch(/href="whats-next.xhtml"[^>]*properties="svg"/);
  });

  it('keeps the drawn figures\' SVG attributes that epub-gen-memory would strip', async () => {
    const chapter = await text('asynchronous-python.xhtml');
    expect(chapter).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(chapter).toMatch(/<path[^>]* d="M/);
  });

  it('navigates by parts, chapters and sections, figures and landmarks', async () => {
    const nav = await doc('toc.xhtml');
    const [toc] = all(nav, (el) => el.tagName === 'nav' && el.properties.id === 'toc');
    const childLists = (ol: Element) => ol.children.flatMap((li) => (li.type === 'element' ? li.children : []))
      .filter((c): c is Element => c.type === 'element' && c.tagName === 'ol');
    const depth = (ol: Element): number => 1 + Math.max(0, ...childLists(ol).map(depth));
    const [top] = all(toc!, (el) => el.tagName === 'ol');
    expect(depth(top!)).toBeGreaterThanOrEqual(3);
    const parts = top!.children.filter((c): c is Element => c.type === 'element').map((li) => toString(all(li, (el) => el.tagName === 'a')[0]!));
    expect(parts).toEqual(expect.arrayContaining(['Part I: The Expert Guide']));
    const [loi] = all(nav, (el) => el.tagName === 'nav' && el.properties.id === 'loi');
    const figures = all(loi!, (el) => el.tagName === 'a');
    expect(figures.filter((a) => toString(a).startsWith('Chart '))).toHaveLength(28);
    expect(figures.filter((a) => toString(a).startsWith('Figure '))).toHaveLength(5);
    // Every link of the navigation document lands on an id that exists in its file.
    for (const a of all(nav, (el) => el.tagName === 'a')) {
      const [file, id] = String(a.properties.href).split('#');
      const target = await text(file!);
      if (id) expect(target, `${a.properties.href}`).toContain(`id="${id}"`);
    }
    const [landmarks] = all(nav, (el) => el.tagName === 'nav' && el.properties.id === 'landmarks');
    expect(all(landmarks!, (el) => el.tagName === 'a').map((a) => a.properties['epub:type'] ?? a.properties.epubType)).toEqual(['cover', 'toc', 'bodymatter']);
  });

  it('gives each commentary of a chapter its own name (Ace: landmark-unique)', async () => {
    for (const file of ['who-answered.xhtml', 'whats-next.xhtml', 'tools-and-technologies.xhtml']) {
      const tree = await doc(file);
      const ids = new Map(all(tree, (el) => typeof el.properties.id === 'string').map((el) => [String(el.properties.id), toString(el)]));
      const names = all(tree, (el) => el.tagName === 'aside' && classes(el).includes('commentary')).map((aside) =>
        aside.properties.ariaLabel ? String(aside.properties.ariaLabel) : ((aside.properties.ariaLabelledBy as string[]) ?? []).map((id) => ids.get(id)).join(' '));
      expect(names.length).toBeGreaterThan(1);
      expect(new Set(names).size, `${file}: ${names.join(' | ')}`).toBe(names.length);
      for (const n of names) expect(n).toMatch(/^Expert commentary \S/);
    }
  });
  it('opens each note from its reference: an aside epub:type="footnote" (role doc-footnote) with the id the noteref points at', async () => {
    const tree = await doc('tools-and-technologies.xhtml');
    const epubType = (el: Element) => String(el.properties['epub:type'] ?? el.properties.epubType ?? '');
    const refs = all(tree, (el) => el.tagName === 'a' && epubType(el) === 'noteref');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const id = String(ref.properties.href).split('#')[1];
      const [note] = all(tree, (el) => el.properties.id === id);
      expect(note?.tagName).toBe('aside');
      expect(epubType(note!)).toBe('footnote');
      expect(note!.properties.role).toBe('doc-footnote');
    }
    expect(toString(all(tree, (el) => el.tagName === 'aside' && epubType(el) === 'footnote')[0]!)).toMatch(/asked before OpenAI introduced ChatGPT/);
  });
});
