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
import { linkedIds, unitDocument, unitKey, type UnitPlacement } from './unit-document.js';
import { printUnit, type PrintedUnitResult } from './print-unit.js';
import { readCachedUnit, writeCachedUnit } from './unit-cache.js';

export interface BookPrint {
  /** Each unit's finished pages, in book order: merge/ makes them one PDF. */
  readonly units: readonly Uint8Array[];
  /** A hash of every unit's key: the merged PDF's input. */
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
}

/** A page number as wide as any the contents will show (tabular figures): its length is measured with these. */
const PLACEHOLDER_PAGE = 888;

/**
 * Prints the book unit by unit (book-units.ts) into `work` (which holds book.css and the
 * fonts) and assembles it. Each unit is a cached result keyed by its document (which holds its
 * first page number, its blank verso and its running heads) and the style sheet: a warm build
 * prints only the units whose content or first page changed. The contents is printed last,
 * with the body's page numbers; its length, which the numbers do not change, is measured first
 * (and cached) so the body is numbered from its first layout.
 */
export async function printBook(
  browser: () => Promise<Browser>, work: string, css: string, assembled: AssembledBook, cache: BuildCache, signal?: AbortSignal,
): Promise<BookPrint> {
  const units = bookUnits(assembled);
  const contentsLinks = contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 });
  const linked = linkedIds([assembled.cover, contentsLinks, ...assembled.sections.map((s) => s.element)]);
  const opensAt = new Set(flattenContents(assembled.contents).filter((e) => e.level <= 2).map((e) => e.id));
  let printed = 0;
  let reused = 0;

  const keys = new Map<PrintedUnitResult, string>();
  // The contents' first print, with placeholder numbers, only measures it: not counted.
  const print = async (unit: PrintUnit, placement: UnitPlacement, counted = true): Promise<PrintedUnitResult> => {
    const key = contentHash(cache.pipeline, 'print-unit', css, unitKey(assembled, unit, placement, linked));
    const before = [printed, reused];
    const result = await printOrReuse(unit, placement, key);
    if (!counted) [printed, reused] = before as [number, number];
    keys.set(result, key);
    return result;
  };
  const printOrReuse = async (unit: PrintUnit, placement: UnitPlacement, key: string): Promise<PrintedUnitResult> => {
    const cached = await readCachedUnit(cache, key);
    if (cached) {
      reused++;
      return cached;
    }
    const file = `${unit.id}.html`;
    await writeFile(join(work, file), toHtml(unitDocument(assembled, unit, placement, linked), { allowDangerousHtml: true }));
    const roots = unit.id === 'contents' ? [PAGE_IDS.contents] : unit.sections.map((s) => s.id);
    const result = await printUnit(await browser(), work, file, placement.firstPage, roots, opensAt, signal);
    printed++;
    if (result.overflows.length === 0 && result.blocked.length === 0) await writeCachedUnit(cache, key, result);
    return result;
  };

  const contentsUnit = units.find((u) => u.id === 'contents')!;
  const placeholders = new Map(flattenContents(assembled.contents).map((e) => [e.id, PLACEHOLDER_PAGE]));
  let contentsLength = (await print(contentsUnit, { firstPage: 1, blankFirst: false, pages: placeholders }, false)).pageCount;
  for (let attempt = 1; ; attempt++) {
    const results: Array<{ unit: PrintUnit; firstPage: number; result?: PrintedUnitResult }> = [];
    let next = 1;
    for (const unit of units) {
      const blankFirst = unit.recto && next % 2 === 0;
      if (unit === contentsUnit) {
        results.push({ unit, firstPage: next });
        next += contentsLength;
        continue;
      }
      const result = await print(unit, { firstPage: next, blankFirst });
      results.push({ unit, firstPage: next, result });
      next += result.pageCount;
    }
    const pages = new Map(results.flatMap((r) => r.result?.pages ?? []));
    const at = results.find((r) => r.unit === contentsUnit)!;
    const contentsPages = new Map([...placeholders.keys()].filter((id) => pages.has(id)).map((id) => [id, pages.get(id)!]));
    at.result = await print(contentsUnit, { firstPage: at.firstPage, blankFirst: false, pages: contentsPages });
    // Its length does not depend on the numbers (tabular figures, a fixed column): checked, never assumed.
    if (at.result.pageCount !== contentsLength && attempt < 3) {
      contentsLength = at.result.pageCount;
      continue;
    }
    const done = results.map((r) => r.result!);
    return { ...assemble(done), key: contentHash(...done.map((r) => keys.get(r)!)), printed, reused };
  }
}

function assemble(results: readonly PrintedUnitResult[]): Omit<BookPrint, 'key' | 'printed' | 'reused'> {
  return {
    units: results.map((r) => r.bytes),
    pages: new Map(results.flatMap((r) => r.pages)),
    starts: results.flatMap((r) => r.starts),
    preflight: {
      fill: results.flatMap((r) => r.preflight.fill),
      midChapter: results.flatMap((r) => r.preflight.midChapter),
      findings: results.flatMap((r) => r.preflight.findings),
    },
    overflows: results.flatMap((r) => r.overflows),
    blocked: results.flatMap((r) => r.blocked),
    passes: Math.max(...results.map((r) => r.passes)),
    artifacts: results.reduce((sum, r) => sum + r.artifacts, 0),
  };
}
