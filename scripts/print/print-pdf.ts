import type { Browser } from 'puppeteer';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { openOfflinePage } from './launch-browser.js';
import { readDestinationPages } from './read-destinations.js';

export interface PrintResult {
  readonly pdf: Uint8Array;
  readonly pages: ReadonlyMap<string, number>;
  readonly passes: number;
  readonly blocked: readonly string[];
  readonly timings: Record<string, number>;
}

const MAX_PASSES = 3;

/**
 * Prints `dir/index.html` to PDF. The contents' page numbers come from the previous pass's
 * named destinations; printing repeats until they no longer change (usually two passes).
 */
export async function printPdf(browser: Browser, dir: string, signal?: AbortSignal): Promise<PrintResult> {
  const timings: Record<string, number> = {};
  const { page, blocked } = await openOfflinePage(browser, dir);
  try {
    let t = performance.now();
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    timings.load = performance.now() - t;
    let filled = new Map<string, number>();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      signal?.throwIfAborted();
      t = performance.now();
      const pdf = await page.pdf({ format: 'A4', printBackground: true, outline: true, tagged: true, preferCSSPageSize: true, timeout: 120_000 });
      timings[`pass${pass}`] = performance.now() - t;
      const pages = await readDestinationPages(pdf);
      const changed = [...pages].some(([id, n]) => filled.get(id) !== n);
      if (!changed) return { pdf, pages, passes: pass, blocked, timings };
      filled = pages;
      await page.evaluate((entries: Array<[string, number]>) => {
        const byId = new Map(entries);
        for (const link of document.querySelectorAll<HTMLAnchorElement>('a.toc-link')) {
          const span = link.querySelector('.toc-page');
          const n = byId.get(decodeURIComponent(link.hash.slice(1)));
          if (span) span.textContent = n === undefined ? '' : String(n);
        }
      }, [...pages]);
    }
    throw new Error(`the contents' page numbers did not settle after ${MAX_PASSES} print passes`);
  } finally {
    await page.close();
  }
}
