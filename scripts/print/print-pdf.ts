import { ProtocolError, TimeoutError, type Browser } from 'puppeteer';
import { PDFDocument } from 'pdf-lib';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { openOfflinePage } from '../render/offline-page.js';
import { dropDestinations, readDestinationPages } from './read-destinations.js';
import { continuedLines, CONTINUED_CLASS, LINE_PREFIX, markListingLines, placeContinuedMarks } from './continued-marks.js';
import { applyPageNumbers } from './apply-page-numbers.js';
import { keepShortParagraphs } from './keep-short-paragraphs.js';
import { dropUnusedHyphens } from './drop-unused-hyphens.js';
import { blanksBefore, restoreLayout, type PrintLayout } from './restore-layout.js';
import { measureOverflow, OVERFLOW_TOLERANCE_PX, overflowFindings, PrintOverflow } from './overflow.js';
import { markPageBlocks, pageStarts, PAGE_BLOCK_PREFIX, PAGE_BLOCK_TAGS, type PageStart } from './page-blocks.js';

export interface PrintResult {
  /** The final pass, loaded: finish-pdf.ts adds metadata and bookmarks to it. */
  readonly pdf: PDFDocument;
  readonly pages: ReadonlyMap<string, number>;
  readonly passes: number;
  /** What this print settled on: the next build's starting point. */
  readonly layout: PrintLayout;
  readonly blocked: readonly string[];
  readonly timings: Record<string, number>;
  /** Where each page starts, by block (see page-blocks.ts); empty unless `blockRoots` were given. */
  readonly starts: readonly PageStart[];
}

const MAX_PASSES = 4;

/** Chromium failed (timed out, crashed, lost its page) while printing: says at which step. */
export class PrintFailure extends Error {
  constructor(readonly step: string, cause: Error) {
    super(`Chromium failed while ${step}: ${cause.message.split('\n')[0]}`, { cause });
    this.name = 'PrintFailure';
  }
}

/** A timeout, or the page gone or refusing a command (a crashed renderer closes its target). */
function isBrowserFailure(e: unknown): boolean {
  return e instanceof TimeoutError || e instanceof ProtocolError;
}

/**
 * Prints `dir/index.html` to PDF. The contents' page numbers come from the previous pass's
 * named destinations (see apply-page-numbers.ts); printing repeats until the numbers a pass
 * finds are the ones it printed: two passes, unless a prediction was wrong. Given the layout
 * an earlier build settled on, the first pass starts from it: one pass when it still holds.
 */
export async function printPdf(browser: Browser, dir: string, signal?: AbortSignal, start?: PrintLayout, blockRoots: readonly string[] = []): Promise<PrintResult> {
  const timings: Record<string, number> = {};
  const { page, blocked } = await openOfflinePage(browser, dir);
  // What Chromium was doing, for an error it throws (a timeout, a crash) to name.
  let doing = 'loading the print document';
  try {
    let t = performance.now();
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    doing = 'laying out the print document';
    // Before any pass: a box wider than the column would be cut off (print.css clips it). At the
    // column's width, which keepShortParagraphs measures at too (one layout for both).
    const overflows = overflowFindings(await page.evaluate(measureOverflow, OVERFLOW_TOLERANCE_PX));
    if (overflows.length > 0) throw new PrintOverflow(overflows);
    await page.evaluate(keepShortParagraphs);
    await page.evaluate(dropUnusedHyphens);
    timings.load = performance.now() - t;
    const blocks = await page.evaluate(markPageBlocks, { roots: [...blockRoots], tags: [...PAGE_BLOCK_TAGS], prefix: PAGE_BLOCK_PREFIX });
    const listings = await page.evaluate(markListingLines, { prefix: LINE_PREFIX });
    const markContinued = (lines: string[]) => page.evaluate(placeContinuedMarks, { lines, className: CONTINUED_CLASS, text: 'continued' });
    let filled = new Map<string, number>();
    let continued: string[] = [];
    if (start) {
      await page.evaluate(restoreLayout, start);
      filled = new Map(start.pages);
      continued = [...start.continuedAt];
      await markContinued(continued);
    }
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      signal?.throwIfAborted();
      t = performance.now();
      // A pass whose numbers turn out to change is thrown away: it is printed without the
      // tag tree and bookmarks, which Chromium spends a good part of a pass on.
      const final = pass > 1 || start !== undefined;
      doing = `print pass ${pass}`;
      // At scale 1 with the CSS page size: Chromium's own shrink-to-fit (the widest box decides
      // the scale of every page) is kept off by print.css's clip and the overflow rule above.
      const pdf = await page.pdf({ format: 'A4', scale: 1, printBackground: true, outline: final, tagged: final, preferCSSPageSize: true, timeout: 120_000 });
      timings[`pass${pass}`] = performance.now() - t;
      t = performance.now();
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const destinations = readDestinationPages(doc);
      const pages = new Map([...destinations].filter(([id]) => !id.startsWith(LINE_PREFIX)));
      const breaks = continuedLines(listings, destinations);
      timings[`read${pass}`] = performance.now() - t;
      const changed = [...pages].some(([id, n]) => filled.get(id) !== n) || breaks.join() !== continued.join();
      if (!changed && final) {
        // The lines' destinations served the marks: a reader's PDF has no use for them.
        dropDestinations(doc, (id) => id.startsWith(LINE_PREFIX));
        return { pdf: doc, pages, passes: pass, blocked, timings, starts: pageStarts(blocks, pages, doc.getPageCount()), layout: { pages: [...pages], blanksBefore: await page.evaluate(blanksBefore), continuedAt: continued } };
      }
      filled = new Map(await page.evaluate(applyPageNumbers, [...pages]));
      // A blank page added before an opener moves whole pages, not the breaks inside a listing.
      continued = breaks;
      await markContinued(continued);
    }
    throw new Error(`the contents' page numbers did not settle after ${MAX_PASSES} print passes`);
  } catch (e) {
    if (e instanceof PrintOverflow || signal?.aborted || !isBrowserFailure(e)) throw e;
    throw new PrintFailure(doing, e as Error);
  } finally {
    await page.close();
  }
}
