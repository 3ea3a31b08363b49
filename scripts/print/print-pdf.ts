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

const MAX_PASSES = 4;

/**
 * Prints `dir/index.html` to PDF. The contents' page numbers come from the previous pass's
 * named destinations; printing repeats until they no longer change (usually two passes).
 * Openers marked `data-recto` must start on a right-hand (odd) page: Chromium treats
 * `break-before: right` as `page`, so a blank page is inserted before those that fell on
 * a left-hand page.
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
        // Each blank page added (or removed) shifts every later opener by one page.
        let shift = 0;
        for (const opener of document.querySelectorAll<HTMLElement>('[data-recto]')) {
          const n = byId.get(opener.dataset.recto!);
          if (n === undefined || (n + shift) % 2 === 1) continue;
          const blank = opener.previousElementSibling?.classList.contains('blank-page') ? opener.previousElementSibling : null;
          if (blank) {
            blank.remove();
            shift -= 1;
          } else {
            const filler = document.createElement('div');
            filler.className = 'blank-page';
            filler.setAttribute('aria-hidden', 'true');
            opener.before(filler);
            shift += 1;
          }
        }
      }, [...pages]);
    }
    throw new Error(`the contents' page numbers did not settle after ${MAX_PASSES} print passes`);
  } finally {
    await page.close();
  }
}
