import { ProtocolError, TimeoutError, type Browser } from 'puppeteer';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { closePage, openOfflinePage } from '../../render/offline-page.js';
import { dropDestinations, readDestinationPlaces } from '../read-destinations.js';
import { continuedLines, CONTINUED_CLASS, LINE_PREFIX, markListingLines, placeContinuedMarks } from '../continued-marks.js';
import { keepShortParagraphs } from '../keep-short-paragraphs.js';
import { keepCommentaries } from '../keep-commentaries.js';
import { MIN_SIDE_LINES } from '../split-commentaries.js';
import { dropUnusedHyphens } from '../drop-unused-hyphens.js';
import { measureOverflow, OVERFLOW_TOLERANCE_PX, overflowFindings, type OverflowFinding } from '../overflow.js';
import { markPageBlocks, pageStarts, PAGE_BLOCK_PREFIX, PAGE_BLOCK_TAGS, type PageStart } from '../page-blocks.js';
import { pageGeometry, parsedContent } from '../page-geometry.js';
import { preflight, textArea, type PreflightReport } from '../preflight.js';
import { pdfPageSize, textAreaHeightPx, type PrintedPage } from '../../brand/printed-page.js';
import { headsOnOpeners, withFindings } from '../preflight-breaks.js';
import { dropOpenerHeads } from '../opener-heads.js';
import { keepBlockOpeners, listingBreaks } from '../listing-openers.js';
import { keepListingEnds } from '../listing-ends.js';
import { atColumnWidth } from '../column-width.js';
import { readStructTree } from '../struct-tree.js';
import { flattenNonStruct } from '../flatten-nonstruct.js';
import { breakRuleFindings, measureBreakRules } from '../break-rules.js';
import { FOOTNOTE_CONTENT_END, FOOTNOTE_GROUP_PREFIX, FOOTNOTE_HOLDER, FOOTNOTE_WORD_CLASS, FOOTNOTE_WORD_PREFIX, FOOTNOTES_CLASS, placeFootnotes, prepareFootnotes, pushFootnotesDown, unmarkWords, unplaceFootnotes, WORDS_AFTER } from '../footnotes.js';
import { FootnotePlacer, MAX_TRIES } from '../footnote-places.js';
import { markArtifacts } from '../mark-artifacts.js';
import { markFolioless, NO_FOLIO_PREFIX } from './folios.js';
import { loadMarginFaces } from './load-margin-faces.js';
import { MARGIN_BOX_FAMILY } from '../running-head.js';
import { avoidPageEndHyphens, TYPESET_LINE_PREFIX, typesetFindings, typesetIds, typesetPage } from '../typeset/typeset-page.js';

/** What printing one unit gives: its finished pages and what the book needs to know of them. Cached as is. */
export interface PrintedUnitResult {
  /** The unit's PDF: tagged, its untagged content marked as artifacts, the listing lines' destinations dropped. */
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** The page (in the unit) of every named destination it has. */
  readonly pages: Array<[string, number]>;
  /** Where each of its pages starts (pages in the unit). */
  readonly starts: PageStart[];
  /** The preflight of its pages (pages in the unit). */
  readonly preflight: PreflightReport;
  /** Its pages that carry a folio (in the unit): the book's are drawn on them once it is assembled (folios.ts). */
  readonly folios: number[];
  readonly artifacts: number;
  readonly passes: number;
  /** Boxes wider than the column: the build refuses them (all units' at once). */
  readonly overflows: OverflowFinding[];
  /** Files outside the build the page tried to load (refused). */
  readonly blocked: string[];
}

/** Chromium failed (timed out, crashed, lost its page) while printing: says at which step. */
export class PrintFailure extends Error {
  constructor(readonly step: string, cause: Error) {
    super(`Chromium failed while ${step}: ${cause.message.split('\n')[0]}`, { cause });
    this.name = 'PrintFailure';
  }
}

/**
 * A listing broken across pages is printed again with its "continued" marks: at most this many
 * passes, and for each footnote one per place tried and one to push it down (footnotes.ts).
 */
const MAX_PASSES = 3;
/** Lines with text a listing keeps on each side of a page break. */
const LISTING_SIDE_LINES = 3;
/** Passes that may set paragraphs again, each time a hyphenated line ends a page. */
const PAGE_END_PASSES = 2;

/**
 * Prints `dir/<file>` (one unit's document, unit-document.ts) to a tagged PDF, its pages
 * numbered from 1 and without folios (folios.ts), once, or again
 * when a listing breaks across pages (its "continued" marks are placed and checked in the
 * next pass). The preflight and the artifact marking run here, on the unit's pages alone: a
 * unit's cached result is its finished part of the book. `sheet`: the brand's page (its size and
 * margins, which the style sheet's @page rule has too).
 */
export async function printUnit(
  browser: Browser, sheet: PrintedPage, dir: string, file: string, roots: readonly string[], opensAt: ReadonlySet<string>, folioless: readonly string[], marginText: string, signal?: AbortSignal, onTypeset?: (ms: number) => void,
): Promise<PrintedUnitResult> {
  const { page, blocked } = await openOfflinePage(browser, dir);
  const area = textArea(sheet);
  let doing = `loading ${file}`;
  try {
    await page.goto(pathToFileURL(join(dir, file)).href, { waitUntil: 'load' });
    await page.evaluate(loadMarginFaces, { property: MARGIN_BOX_FAMILY, text: marginText });
    doing = `laying out ${file}`;
    // Everything up to the first print is measured at the column's width.
    const restoreWidth = await atColumnWidth(page);
    const overflows = overflowFindings(await page.evaluate(measureOverflow, OVERFLOW_TOLERANCE_PX));
    if (overflows.length > 0) return { bytes: new Uint8Array(), pageCount: 0, pages: [], starts: [], preflight: { fill: [], midChapter: [], findings: [] }, folios: [], artifacts: 0, passes: 0, overflows, blocked };
    const typesetStart = performance.now();
    let typeset = await typesetPage(page);
    onTypeset?.(performance.now() - typesetStart);
    await page.evaluate(keepShortParagraphs);
    // A commentary up to the text area's height is kept whole.
    await page.evaluate(keepCommentaries, { areaHeight: textAreaHeightPx(sheet), sideLines: MIN_SIDE_LINES });
    await page.evaluate(dropUnusedHyphens);
    const blocks = await page.evaluate(markPageBlocks, { roots: [...roots], tags: [...PAGE_BLOCK_TAGS], prefix: PAGE_BLOCK_PREFIX });
    const setIds = await page.evaluate(typesetIds);
    const listings = await page.evaluate(markListingLines, { prefix: LINE_PREFIX });
    await page.evaluate(keepListingEnds, { lines: LISTING_SIDE_LINES, className: 'listing-end' });
    const openers = await page.evaluate(keepBlockOpeners);
    const rules = await measureBreakRules(page);
    const noFolio = new Set(await page.evaluate(markFolioless, { names: [...folioless], prefix: NO_FOLIO_PREFIX }));
    const prepared = await page.evaluate(prepareFootnotes, { wordPrefix: FOOTNOTE_WORD_PREFIX, wordClass: FOOTNOTE_WORD_CLASS, words: WORDS_AFTER, blockTags: [...PAGE_BLOCK_TAGS], groupClass: FOOTNOTES_CLASS, endId: FOOTNOTE_CONTENT_END, holderId: FOOTNOTE_HOLDER });
    await restoreWidth();
    const footnotes = new FootnotePlacer(prepared, area.bottomMargin, area.topMargin);
    // A pass for each footnote's tries, and up to PAGE_END_PASSES to move hyphens off pages' last lines.
    const maxPasses = MAX_PASSES + (MAX_TRIES + 1) * prepared.refs.length + PAGE_END_PASSES;
    let continued: string[] = [];
    for (let pass = 1; pass <= maxPasses; pass++) {
      signal?.throwIfAborted();
      doing = `printing ${file} (pass ${pass})`;
      const pdf = await page.pdf({ ...pdfPageSize(sheet), scale: 1, printBackground: true, outline: false, tagged: true, preferCSSPageSize: true, timeout: 120_000 });
      const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
      const places = readDestinationPlaces(doc);
      const destinations = new Map([...places].map(([id, p]) => [id, p.page]));
      const breaks = continuedLines(listings, destinations);
      let again = false;
      if (breaks.join() !== continued.join() && pass < maxPasses) {
        continued = breaks;
        await page.evaluate(placeContinuedMarks, { lines: continued, className: CONTINUED_CLASS, text: 'continued' });
        again = true;
      }
      if (!footnotes.settled && pass < maxPasses) {
        for (const action of footnotes.afterPass(places)) {
          if ('place' in action) await page.evaluate(placeFootnotes, { placements: [action.place], className: FOOTNOTES_CLASS });
          else if ('unplace' in action) await page.evaluate(unplaceFootnotes, { id: action.unplace, holderId: FOOTNOTE_HOLDER });
          else if ('push' in action) await page.evaluate(pushFootnotesDown, action.push);
          else await page.evaluate(unmarkWords, { wordClass: FOOTNOTE_WORD_CLASS, wordPrefix: FOOTNOTE_WORD_PREFIX, keep: action.unmark.keep });
          again = true;
        }
      }
      if (pass < maxPasses) {
        const reset = await avoidPageEndHyphens(page, typeset, destinations);
        if (reset) {
          typeset = reset;
          again = true;
        }
      }
      if (again) continue;
      footnotes.finish(places);
      // The lines', the words' and the folio-less pages' destinations served the print: a reader's PDF has no use for them.
      const printOnly = (id: string) => id.startsWith(LINE_PREFIX) || id.startsWith(TYPESET_LINE_PREFIX) || id.startsWith(FOOTNOTE_WORD_PREFIX) || id.startsWith(FOOTNOTE_GROUP_PREFIX) || noFolio.has(id);
      const without = new Set([...destinations].filter(([id]) => noFolio.has(id)).map(([, n]) => n));
      dropDestinations(doc, printOnly);
      const pages = [...destinations].filter(([id]) => !printOnly(id));
      const opens = opensPages(pages, opensAt, doc.getPageCount());
      dropOpenerHeads(doc, opens, area.topMargin);
      const parsed = doc.getPages().map((p) => parsedContent(p));
      const geometry = doc.getPages().map((p, i) => pageGeometry(p, parsed[i]));
      const areaTop = doc.getPage(0).getHeight() - area.topMargin;
      flattenNonStruct(doc);
      const tree = readStructTree(doc);
      const report = withFindings(preflight(doc, geometry, tree, opens, area), [
        ...headsOnOpeners(geometry, opens, areaTop),
        ...listingBreaks(listings, openers, destinations),
        ...breakRuleFindings(rules, geometry, tree, areaTop - area.bottomMargin, destinations),
        ...typesetFindings(typeset, destinations, setIds),
        ...footnotes.findings,
      ], typeset.counts);
      const artifacts = markArtifacts(doc, parsed);
      const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
      const count = doc.getPageCount();
      const folios = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !without.has(n));
      return { bytes, pageCount: count, pages, starts: pageStarts(blocks, new Map(pages), count), preflight: report, folios, artifacts, passes: pass, overflows: [], blocked };
    }
    throw new Error('unreachable');
  } catch (e) {
    if (signal?.aborted || !(e instanceof TimeoutError || e instanceof ProtocolError)) throw e;
    throw new PrintFailure(doing, e as Error);
  } finally {
    await closePage(page, signal);
  }
}

/** The pages a chapter, part or the front matter opens on: those of `opensAt`'s ids, and every page before the first (a blank verso, the cover); all of a unit that opens none (the contents). */
function opensPages(pages: ReadonlyArray<[string, number]>, opensAt: ReadonlySet<string>, count: number): Set<number> {
  const starts = new Set(pages.filter(([id]) => opensAt.has(id)).map(([, n]) => n));
  const first = starts.size > 0 ? Math.min(...starts) : count + 1;
  for (let p = 1; p < first; p++) starts.add(p);
  return starts;
}
