import { join } from 'node:path';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Element, Root } from 'hast';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOfflinePage } from '../scripts/render/launch-browser.js';
import { CROSS_UNIT_ORIGIN, linkAcrossUnits, mergeUnitsWithReport, UnitMergeError, type MergeReport, type PrintedUnit } from '../scripts/print/merge/merge-units.js';
import { finishPdf } from '../scripts/print/finish-pdf.js';
import { copyFonts } from '../scripts/assets/write-assets.js';
import { readBrand } from '../scripts/brand/brand.js';
import { readDestinationPages } from '../scripts/print/read-destinations.js';
import type { BookConfig } from '../scripts/config/load-book.js';
import type { ContentsEntry } from '../scripts/assemble/contents-model.js';
import { hasValidator, pikepdfPython } from './helpers/validators.js';
import { sharedBrowser } from './helpers/shared-browser.js';
import { run } from './helpers/run.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'merge-units');
const CHECK_TREE = join(import.meta.dirname, 'pdfua', 'check_struct_tree.py');
const CHECK_PDFUA = join(import.meta.dirname, 'pdfua', 'check_pdfua.py');
/** print-pdf.ts's options for the final pass. */
const PDF_OPTIONS = { format: 'A4', scale: 1, printBackground: true, outline: true, tagged: true, preferCSSPageSize: true } as const;

interface TreeCheck {
  failures: string[];
  facts: {
    pages: number;
    struct_tree_roots: number;
    top_types: string[];
    types: Record<string, number>;
    figures_with_alt: number;
    links: Array<{ page: number; element?: string; dest?: string; dest_page?: number; uri?: string }>;
    ids: string[];
    dests: Record<string, number>;
  };
}

const save = (doc: PDFDocument) => doc.save({ useObjectStreams: false, updateFieldAppearances: false });
/** The first element named `tag` in a unit's tree. */
const elementOf = (tree: Root | Element, tag: string): Element | undefined => {
  for (const c of tree.children) {
    if (c.type !== 'element') continue;
    const found = c.tagName === tag ? c : elementOf(c, tag);
    if (found) return found;
  }
  return undefined;
};
const bodyOf = (tree: Root) => elementOf(tree, 'body')!;

describe.skipIf(!hasValidator('pikepdf') || !hasValidator('qpdf') || !hasValidator('pdftotext'))('a book printed unit by unit and merged (tests/fixtures/merge-units, real Chromium)', () => {
  const browser = sharedBrowser();
  let dir = '';
  let units: PrintedUnit[] = [];
  let unitPages: number[] = [];
  let merged = '';
  let bytes: Uint8Array = new Uint8Array();
  let report: MergeReport;
  let tree: TreeCheck;

  /** Prints the units as the book's print will: own documents, page counter preset, cross-unit links. */
  const printUnits = async (trees: Root[], into: string) => {
    const printed: PrintedUnit[] = [];
    const pages: number[] = [];
    for (const [i, unit] of trees.entries()) {
      elementOf(unit, 'head')!.children.push(h('style', `html { counter-reset: page ${pages.reduce((a, b) => a + b, 0)}; }`));
      const file = join(into, `unit-${i + 1}.html`);
      await writeFile(file, toHtml(unit, { allowDangerousHtml: true }));
      const { page, blocked } = await openOfflinePage(browser(), into);
      try {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        // Every face, not only those the body uses: a face only the page margin boxes use (the
        // running head's) is otherwise still loading when a unit's first page is printed.
        await page.evaluate(() => Promise.all([...document.fonts].map((face) => face.load())).then(() => document.fonts.ready).then(() => undefined));
        const pdf = await page.pdf(PDF_OPTIONS);
        expect(blocked).toEqual([]);
        printed.push({ bytes: pdf });
        pages.push((await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount());
      } finally {
        await page.close();
      }
    }
    return { printed, pages };
  };
  const made: string[] = [];
  /** A folder of its own holding the fixture's files (its stylesheet), removed after the tests. */
  const folder = async (name: string) => {
    const at = await mkdtemp(join(tmpdir(), `ptr-merge-${name}-`));
    made.push(at);
    await cp(FIXTURE, at, { recursive: true });
    await copyFonts(join(at, 'fonts'), readBrand(join(import.meta.dirname, '..')).fonts);
    return at;
  };
  afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));
  const fixtureTrees = async () => {
    const files = (await readdir(FIXTURE)).filter((f) => f.endsWith('.html')).sort();
    return Promise.all(files.map(async (f) => fromHtml(await readFile(join(FIXTURE, f), 'utf8'))));
  };

  beforeAll(async () => {
    dir = await folder('book');
    const trees = await fixtureTrees();
    const links = linkAcrossUnits(trees);
    // #tally and #drawing-unit from the first, #opening-title from the second, #drawing from the third.
    expect(links.links).toBe(4);
    expect(links.targets).toEqual([['opening-title'], ['drawing', 'drawing-unit'], ['tally']]);
    ({ printed: units, pages: unitPages } = await printUnits(trees, dir));
    const result = await mergeUnitsWithReport(units);
    report = result.report;
    bytes = await save(result.doc);
    merged = join(dir, 'merged.pdf');
    await writeFile(merged, bytes);
    tree = JSON.parse(run(pikepdfPython()!, [CHECK_TREE, merged])) as TreeCheck;
  }, 120_000);

  it('prints a cross-unit link as a URI action (the convention), and no destination for an id it does not hold', async () => {
    const first = await PDFDocument.load(units[0]!.bytes, { updateMetadata: false });
    expect([...readDestinationPages(first).keys()].sort()).toEqual(['opening-more', 'opening-title']);
    const raw = join(dir, 'unit-1.pdf');
    await writeFile(raw, units[0]!.bytes);
    const check = JSON.parse(run(pikepdfPython()!, [CHECK_TREE, raw])) as TreeCheck;
    expect(check.facts.links.map((l) => l.uri ?? l.dest).sort()).toEqual([`${CROSS_UNIT_ORIGIN}/#drawing-unit`, `${CROSS_UNIT_ORIGIN}/#tally`, 'opening-more']);
  });

  it('keeps every page in order, and the units\' text in order', () => {
    expect(unitPages).toEqual([1, 1, 2]);
    expect(report.pages).toBe(4);
    const text = run('pdftotext', [merged, '-']).replace(/\s+/g, ' ');
    const at = ['Opening unit', 'Alpha paragraph', 'ending the first unit', 'Drawing unit', 'Bravo paragraph', 'Bars rising', 'Tally unit', 'Charlie paragraph', 'Tally of answers', 'Delta paragraph'].map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The preset page counter: the folios run on across units.
    const folios = run('pdftotext', ['-layout', merged, '-']).split('\f').slice(0, 4).map((p) => p.trim().split(/\s+/).at(-1));
    expect(folios).toEqual(['1', '2', '3', '4']);
  });

  it('has one structure tree whose ParentTree, /StructParents, /StructParent, /P, /Pg and MCIDs agree with the pages', () => {
    expect(tree.failures).toEqual([]);
    expect(tree.facts.struct_tree_roots).toBe(1);
    expect(tree.facts.top_types).toEqual(['Document']);
    expect(tree.facts.types.Document).toBe(1);
    expect(tree.facts.types.H1).toBe(3);
  });

  it('keeps the table\'s header cells, with unique ids the data cells point to, and the figures with their alternative text', () => {
    expect(tree.facts.types.Table).toBe(2);
    expect(tree.facts.types.TH).toBe(6);
    const units = tree.facts.ids.map((id) => id.split('-')[0]);
    expect(new Set(units)).toEqual(new Set(['u001', 'u003']));
    expect(new Set(tree.facts.ids).size).toBe(tree.facts.ids.length);
    expect(tree.facts.figures_with_alt).toBeGreaterThanOrEqual(2);
  });

  it('turns the cross-unit links into links to named destinations that land on the right pages, Link elements kept', () => {
    const byDest = new Map(tree.facts.links.map((l) => [l.dest, l]));
    expect(tree.facts.links.filter((l) => l.uri)).toEqual([]);
    expect(report.crossUnitLinks).toBe(4);
    expect(byDest.get('tally')).toMatchObject({ page: 1, dest_page: 3, element: 'Link' });
    expect(byDest.get('drawing-unit')).toMatchObject({ page: 1, dest_page: 2, element: 'Link' });
    expect(byDest.get('opening-title')).toMatchObject({ page: 2, dest_page: 1, element: 'Link' });
    expect(byDest.get('drawing')).toMatchObject({ page: 3, dest_page: 2, element: 'Link' });
    expect(byDest.get('opening-more')).toMatchObject({ page: 1, dest_page: 1, element: 'Link' });
  });

  it('joins the subsets of one face into one font program', () => {
    expect(report.fonts.programs.after).toBeLessThan(report.fonts.programs.before);
    expect(report.fonts.bytes.after).toBeLessThan(report.fonts.bytes.before);
    const fonts = run('pdffonts', [merged]);
    expect(fonts).not.toMatch(/Syntax Error|Error/);
    // Each unit's SourceSerif4-Regular, -Bold and Inter-Regular: three programs for the book.
    expect(fonts).toMatch(/SourceSerif4-Regular/);
    expect(fonts).toMatch(/Inter-Regular/);
    expect(report.fonts.programs).toEqual({ before: 9, after: 3 });
  });

  it('draws every page as the unit drew it (the joined font programs hold each unit\'s glyphs)', async () => {
    let n = 0;
    const raster = (pdf: string, page: number) => {
      const out = join(dir, `raster-${++n}`);
      run('pdftoppm', ['-r', '60', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
      return readFile(`${out}.pgm`);
    };
    let at = 1;
    for (const [i, unit] of units.entries()) {
      const file = join(dir, `unit-${i + 1}.pdf`);
      await writeFile(file, unit.bytes);
      for (let p = 1; p <= unitPages[i]!; p++, at++) expect((await raster(merged, at)).equals(await raster(file, p))).toBe(true);
    }
    expect(at).toBe(5);
  });

  it('passes qpdf --check', () => {
    const out = run('qpdf', ['--check', merged]);
    expect(out).toMatch(/No syntax or stream encoding errors found/);
    expect(out).not.toMatch(/WARNING/);
  });

  it('gives the same bytes for the same units', async () => {
    const again = await save((await mergeUnitsWithReport(units)).doc);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is finished by finishPdf unchanged into a PDF that passes the PDF/UA-1 checks', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    // finishPdf reads only these fields of the book.
    const book = { title: 'Merge fixture', subtitle: undefined, authors: [{ name: 'Fixture Author' }], description: 'Three units printed apart.', keywords: ['merge'], modified: new Date('2024-01-01T00:00:00Z'), language: 'en' } as unknown as BookConfig;
    const contents: ContentsEntry[] = [['opening-title', 'Opening unit'], ['drawing-title', 'Drawing unit'], ['tally-title', 'Tally unit']].map(([id, title]) => ({ id: id!, title: title!, level: 1, chapter: id!, children: [] }));
    const finished = await finishPdf(doc, book, contents, readDestinationPages(doc));
    expect(finished.pageCount).toBe(4);
    const file = join(dir, 'finished.pdf');
    await writeFile(file, finished.bytes);
    const ua = JSON.parse(run(pikepdfPython()!, [CHECK_PDFUA, file])) as { failures: string[]; counts: Record<string, number> };
    expect(ua.failures).toEqual([]);
    expect(ua.counts).toMatchObject({ Table: 2, pages: 4 });
    expect(ua.counts.Figure).toBe(2);
    const after = JSON.parse(run(pikepdfPython()!, [CHECK_TREE, file])) as TreeCheck;
    expect(after.failures).toEqual([]);
    expect(run('qpdf', ['--check', file])).not.toMatch(/WARNING/);
  });

  it('keeps apart the structure ids two units share (Chromium numbers them per document), and the cells\' /Headers follow', async () => {
    // The tally unit twice, its destinations renamed in the copy: the same structure ids for sure
    // (Chromium's node ids vary from one run to the next, so two printed units may or may not share one).
    const copy = await PDFDocument.load(units[2]!.bytes, { updateMetadata: false });
    const dests = copy.catalog.lookup(PDFName.of('Dests'), PDFDict);
    for (const [name, value] of dests.entries()) {
      dests.delete(name);
      dests.set(PDFName.of(`${name.decodeText()}-copy`), value);
    }
    const file = join(dir, 'twice.pdf');
    await writeFile(file, await save((await mergeUnitsWithReport([...units, { bytes: await save(copy) }])).doc));
    const check = JSON.parse(run(pikepdfPython()!, [CHECK_TREE, file])) as TreeCheck;
    expect(check.failures).toEqual([]);
    const third = check.facts.ids.filter((id) => id.startsWith('u003-')).map((id) => id.slice(5));
    const fourth = check.facts.ids.filter((id) => id.startsWith('u004-')).map((id) => id.slice(5));
    expect(third.length).toBeGreaterThanOrEqual(3);
    expect(fourth).toEqual(third);
    expect(new Set(check.facts.ids).size).toBe(check.facts.ids.length);
  });

  it('refuses a cross-unit link to an id no unit has a destination for, and an id in two units', async () => {
    const trees = await fixtureTrees();
    linkAcrossUnits(trees);
    // The third unit without its hidden links: no destination "tally".
    const third = bodyOf(trees[2]!);
    third.children = third.children.filter((c) => !(c.type === 'element' && c.tagName === 'div' && c.properties.hidden));
    const sub = await folder('refused');
    const { printed } = await printUnits(trees, sub);
    await expect(mergeUnitsWithReport(printed)).rejects.toThrow(UnitMergeError);
    await expect(mergeUnitsWithReport(printed)).rejects.toThrow(/a link to "#tally" in another unit, but no unit has a destination "tally"/);
    await expect(mergeUnitsWithReport([units[0]!, units[0]!])).rejects.toThrow(/units 1 and 2 both have the destination "opening-more"/);
  }, 120_000);
});
