import type { PrintedPage } from '../../brand/printed-page.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'puppeteer';
import type { AssembledBook } from '../../assemble/assemble-book.js';
import { contentsElement } from '../../assemble/contents-element.js';
import { flattenContents } from '../../assemble/contents-model.js';
import { PAGE_IDS } from '../../assemble/page-ids.js';
import type { BuildCache } from '../../cache/build-cache.js';
import { contentHash } from '../../cache/content-hash.js';
import type { OverflowFinding } from '../overflow.js';
import type { PageStart } from '../page-blocks.js';
import type { PreflightReport } from '../preflight.js';
import { bookUnits, type PrintUnit } from './book-units.js';
import { runningHead } from '../running-head.js';
import { pagesWithoutFolio } from './folios.js';
import { unitDocument, unitKey, unitTrees, type ContentsPages } from './unit-document.js';
import { bookLinks } from '../merge/cross-unit-links.js';
import { printUnit, type PrintedUnitResult } from './print-unit.js';
import { readCachedUnit, writeCachedUnit } from './unit-cache.js';
import { addCounts, NO_COUNTS } from '../typeset/typography-counts.js';

export interface BookPrint {
  /** Each unit's pages, in book order: merge/ makes them one PDF. */
  readonly units: readonly Uint8Array[];
  /** The book's pages that are blank versos put before a unit that opens on a right-hand page (after the merge, in order). */
  readonly blanks: readonly number[];
  /** The book's pages that carry a folio. */
  readonly folios: readonly number[];
  readonly pageCount: number;
  /** A hash of every unit's key and of the blanks: what the merged PDF is made of. */
  readonly key: string;
  /** The page of every named destination (headings, figures, blocks). */
  readonly pages: ReadonlyMap<string, number>;
  readonly starts: readonly PageStart[];
  readonly preflight: PreflightReport;
  /** The most passes a unit took. */
  readonly passes: number;
  readonly artifacts: number;
  readonly overflows: readonly OverflowFinding[];
  readonly blocked: readonly string[];
  /** How many units were printed, and how many came from the cache. */
  readonly printed: number;
  readonly reused: number;
  /** Time spent setting paragraphs in the units printed now, summed (ms). */
  readonly typesetMs: number;
}

/** A page number as wide as any the contents will show (tabular figures): its length is measured with these. */
const PLACEHOLDER_PAGE = 888;
/** Units printed at once, each in a page of its own: two cores, and Chromium's renderer and GPU processes. */
const AT_ONCE = 2;

interface Placed {
  readonly unit: PrintUnit;
  readonly result: PrintedUnitResult;
  readonly key: string;
  /** Its first page in the book, and whether a blank verso goes before it. */
  readonly firstPage: number;
  readonly blankBefore: boolean;
}

/**
 * Prints the book unit by unit (book-units.ts) into `work` (which holds book.css and the
 * fonts). A unit's print depends on nothing but its content (no page number, folio or blank is
 * in it), so each is a cached result under the key of what made its document and the style
 * sheet, and those not cached are printed side by side. Then the units are laid out: a blank
 * verso before each that opens on a right-hand page and would start on a left one. The contents
 * is printed last, with the body's page numbers; its length, which the numbers do not change,
 * comes from a print with placeholder numbers (cached too), so the body is numbered from its
 * first layout.
 */
export async function printBook(
  browser: () => Promise<Browser>, work: string, css: string, assembled: AssembledBook, cache: BuildCache, sheet: PrintedPage, signal?: AbortSignal,
): Promise<BookPrint> {
  const units = bookUnits(assembled);
  const contentsLinks = contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 });
  const links = bookLinks(units.map((u) => ({ id: u.id, trees: u.id === 'contents' ? [contentsLinks] : unitTrees(assembled, u) })));
  const opensAt = new Set(flattenContents(assembled.contents).filter((e) => e.level <= 2).map((e) => e.id));
  const folioless = pagesWithoutFolio(css);
  let printed = 0;
  let reused = 0;
  let typesetMs = 0;

  type Printed = { result: PrintedUnitResult; key: string };
  /** The unit's key, and its result when the cache has it. */
  const lookup = async (unit: PrintUnit, pages: ContentsPages, counted: boolean): Promise<{ result?: PrintedUnitResult; key: string }> => {
    const key = contentHash(cache.pipeline, 'print-unit', css, unitKey(assembled, unit, pages, links));
    const result = await readCachedUnit(cache, key);
    if (result && counted) reused++;
    return { result, key };
  };
  const printNow = async (unit: PrintUnit, pages: ContentsPages, key: string, counted: boolean): Promise<Printed> => {
    signal?.throwIfAborted();
    const file = `${unit.id}${pages ? `-${key.slice(0, 8)}` : ''}.html`;
    await writeFile(join(work, file), toHtml(unitDocument(assembled, unit, pages, links), { allowDangerousHtml: true }));
    const roots = unit.id === 'contents' ? [PAGE_IDS.contents] : unit.sections.map((s) => s.id);
    // The running heads' text: their face is loaded before printing (load-margin-faces.ts).
    const marginText = unit.sections.filter((s) => s.kind !== 'part').map((s) => runningHead(s.short)).join(' ');
    const result = await printUnit(await browser(), sheet, work, file, roots, opensAt, folioless, marginText, signal, (ms) => { typesetMs += ms; });
    if (counted) printed++;
    if (result.overflows.length === 0 && result.blocked.length === 0) await writeCachedUnit(cache, key, result);
    return { result, key };
  };
  const print = async (unit: PrintUnit, pages: ContentsPages): Promise<Printed> => {
    const { result, key } = await lookup(unit, pages, true);
    return result ? { result, key } : printNow(unit, pages, key, true);
  };

  const contentsUnit = units.find((u) => u.id === 'contents')!;
  const placeholders = new Map(flattenContents(assembled.contents).map((e) => [e.id, PLACEHOLDER_PAGE]));
  const body = units.filter((u) => u !== contentsUnit);
  // The contents' length is measured with the body: it is one more unit to print side by side.
  // Every unit is looked up first, so those that must be printed start at once, whatever their place.
  // The contents' first print, with placeholder numbers, only measures it: not counted.
  const wanted: Array<[PrintUnit, ContentsPages, boolean]> = [[contentsUnit, placeholders, false], ...body.map((u): [PrintUnit, ContentsPages, boolean] => [u, undefined, true])];
  const found = await Promise.all(wanted.map(([u, pages, counted]) => lookup(u, pages, counted)));
  const [measured, ...printedBody] = await inPool(AT_ONCE, wanted.map(([u, pages, counted], i) => async () => {
    const { result, key } = found[i]!;
    return result ? { result, key } : printNow(u, pages, key, counted);
  }));
  const byUnit = new Map(body.map((u, i) => [u, printedBody[i]!]));
  let contentsLength = measured!.result.pageCount;
  for (let attempt = 1; ; attempt++) {
    const placed = layOut(units, (u) => (u === contentsUnit ? contentsLength : byUnit.get(u)!.result.pageCount));
    const pages = new Map<string, number>();
    for (const p of placed) if (p.unit !== contentsUnit) for (const [id, n] of byUnit.get(p.unit)!.result.pages) pages.set(id, n + p.firstPage - 1);
    const numbers = new Map([...placeholders.keys()].filter((id) => pages.has(id)).map((id) => [id, pages.get(id)!]));
    const contents = await print(contentsUnit, numbers);
    // Its length does not depend on the numbers (tabular figures, a fixed column): checked, never assumed.
    if (contents.result.pageCount !== contentsLength && attempt < 3) {
      contentsLength = contents.result.pageCount;
      continue;
    }
    byUnit.set(contentsUnit, contents);
    return { ...assemble(placed.map((p) => ({ ...p, ...byUnit.get(p.unit)! }))), printed, reused, typesetMs };
  }
}

/** Where each unit falls: its first page, after a blank verso when it opens on a right-hand page. */
export function layOut(units: readonly PrintUnit[], length: (u: PrintUnit) => number): Array<{ unit: PrintUnit; firstPage: number; blankBefore: boolean }> {
  let next = 1;
  return units.map((unit) => {
    const blankBefore = unit.recto && next % 2 === 0;
    const firstPage = next + (blankBefore ? 1 : 0);
    next = firstPage + length(unit);
    return { unit, firstPage, blankBefore };
  });
}

function assemble(placed: readonly Placed[]): Omit<BookPrint, 'printed' | 'reused' | 'typesetMs'> {
  const pages = new Map<string, number>();
  const starts: PageStart[] = [];
  const fill: number[] = [];
  const midChapter: number[] = [];
  const findings: PreflightReport['findings'][number][] = [];
  const folios: number[] = [];
  const blanks: number[] = [];
  for (const { result, firstPage, blankBefore } of placed) {
    const shift = firstPage - 1;
    if (blankBefore) {
      // A blank page starts where the page after it does (page-blocks.ts), and is empty.
      blanks.push(firstPage - 1);
      fill.push(0);
      const first = result.starts[0];
      if (first) starts.push({ page: firstPage - 1, block: first.block });
    }
    for (const [id, n] of result.pages) pages.set(id, n + shift);
    for (const s of result.starts) starts.push({ page: s.page + shift, block: s.block });
    fill.push(...result.preflight.fill);
    midChapter.push(...result.preflight.midChapter.map((p) => p + shift));
    findings.push(...result.preflight.findings.map((f) => ({ ...f, page: f.page + shift })));
    folios.push(...result.folios.map((p) => p + shift));
  }
  const results = placed.map((p) => p.result);
  return {
    units: results.map((r) => r.bytes),
    blanks, folios, pageCount: fill.length,
    key: contentHash(...placed.map((p) => p.key), JSON.stringify(blanks)),
    pages, starts, preflight: { fill, midChapter, findings, typography: results.reduce((sum, r) => addCounts(sum, r.preflight.typography ?? NO_COUNTS), NO_COUNTS) },
    overflows: results.flatMap((r) => r.overflows),
    blocked: results.flatMap((r) => r.blocked),
    passes: Math.max(...results.map((r) => r.passes)),
    artifacts: results.reduce((sum, r) => sum + r.artifacts, 0),
  };
}

/** Runs the tasks, at most `size` at a time; the results in the tasks' order. The first failure is thrown once all have ended. */
async function inPool<T>(size: number, tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(size, tasks.length) }, worker));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}
