import type { Page } from 'puppeteer';
import type { MarkedExtent } from './page-geometry.js';
import type { PreflightFinding } from './preflight.js';
import type { StructTree } from './struct-tree.js';
import { headingRunts, measureHeadingLines, type MeasuredHeading } from './heading-runts.js';
import { justifiedNarrow, measureJustifiedBlocks, type JustifiedBlock } from './justified-narrow.js';
import { splitCommentaries } from './split-commentaries.js';

/** What the print page tells of its headings and justified blocks before it prints (at the printed column's width). */
export interface MeasuredRules {
  readonly headings: MeasuredHeading[];
  readonly justified: JustifiedBlock[];
}

/** Measures the print page for the rules read before printing; after its blocks have their ids (page-blocks.ts), so each finding finds its page. */
export async function measureBreakRules(page: Page): Promise<MeasuredRules> {
  return { headings: await page.evaluate(measureHeadingLines), justified: await page.evaluate(measureJustifiedBlocks) };
}

/**
 * The findings of three of the designer's rules (issue 23) on a printed unit: expert
 * commentaries split well or not at all (from the PDF), no heading ending on a runt and no
 * narrow block justified (from the page, placed by the named destinations of its ids).
 */
export function breakRuleFindings(measured: MeasuredRules, geometry: readonly MarkedExtent[][], tree: StructTree, areaHeight: number, pageOf: ReadonlyMap<string, number>): PreflightFinding[] {
  return [
    ...splitCommentaries(geometry, tree, areaHeight),
    ...headingRunts(measured.headings, pageOf),
    ...justifiedNarrow(measured.justified, pageOf),
  ];
}
