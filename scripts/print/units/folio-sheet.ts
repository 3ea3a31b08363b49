import { pdfPageSize, type PrintedPage } from '../../brand/printed-page.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, ParseSpeeds, type PDFRef } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import type { BuildCache } from '../../cache/build-cache.js';
import { contentHash } from '../../cache/content-hash.js';
import { closePage, openOfflinePage } from '../../render/offline-page.js';
import { flateStream } from '../flate.js';
import { loadMarginFaces } from './load-margin-faces.js';
import { MARGIN_BOX_FAMILY } from '../running-head.js';

/**
 * A document of `pages` empty pages under the print style sheet: Chromium prints each with
 * only its folio, set exactly as on a page of the book (the same @page rule, font and place).
 */
export function folioSheetHtml(pages: number): string {
  const blanks = Array.from({ length: pages }, (_, i) => `<div style="height:1px${i < pages - 1 ? ';break-after:page' : ''}"></div>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="book.css"></head><body class="edition-print">${blanks}</body></html>`;
}

const FOLIO = PDFName.of('PtrFolio');

/**
 * Draws page n of the folio sheet on page n of `doc`, for each page in `folios` (1-based), as
 * a form XObject inside pagination artifact content: no tag, as Chromium's own folios were.
 */
export async function stampFolios(doc: PDFDocument, sheet: Uint8Array, folios: readonly number[]): Promise<void> {
  const wanted = folios.filter((n) => n >= 1 && n <= doc.getPageCount());
  if (wanted.length === 0) return;
  const source = await PDFDocument.load(sheet, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const embedded = await doc.embedPdf(source, wanted.map((n) => n - 1));
  const pages = doc.getPages();
  // The page's own content is wrapped in q … Q, so the folio is drawn in the page's space
  // whatever that content leaves of the graphics state. Both streams are shared by every page.
  const before = doc.context.register(flateStream(doc.context, Buffer.from('q\n', 'latin1')));
  const after = doc.context.register(flateStream(doc.context, Buffer.from('Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq /PtrFolio Do Q\nEMC\n', 'latin1')));
  wanted.forEach((n, i) => {
    const page = pages[n - 1]!;
    const ref: PDFRef = embedded[i]!.ref;
    const resources = page.node.Resources() ?? doc.context.obj({});
    const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict) ?? doc.context.obj({});
    xobjects.set(FOLIO, ref);
    resources.set(PDFName.of('XObject'), xobjects);
    page.node.set(PDFName.of('Resources'), resources);
    const contents = page.node.get(PDFName.of('Contents'));
    const list = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    page.node.set(PDFName.of('Contents'), doc.context.obj([before, ...list, after]));
  });
  // The forms are written when the document is saved (pdf-lib embeds lazily); now, so the refs hold.
  for (const e of embedded) await e.embed();
}

/**
 * The folio sheet for a book of `pages` pages: printed in `work` (book.css and the fonts are
 * there), or from the cache under the style sheet and the page count.
 */
export async function folioSheet(browser: () => Promise<Browser>, work: string, css: string, pages: number, cache: BuildCache, sheet: PrintedPage, signal?: AbortSignal): Promise<Uint8Array> {
  const key = contentHash(cache.pipeline, 'folio-sheet', css, String(pages));
  const cached = await cache.store.read('folio-sheet', key);
  if (cached) return new Uint8Array(cached);
  signal?.throwIfAborted();
  await writeFile(join(work, 'folios.html'), folioSheetHtml(pages));
  const { page, blocked } = await openOfflinePage(await browser(), work);
  try {
    await page.goto(pathToFileURL(join(work, 'folios.html')).href, { waitUntil: 'load' });
    await page.evaluate(loadMarginFaces, { property: MARGIN_BOX_FAMILY, text: '0123456789' });
    // No backgrounds: the page's white ground would cover the page it is drawn on.
    const bytes = await page.pdf({ ...pdfPageSize(sheet), scale: 1, printBackground: false, tagged: false, outline: false, preferCSSPageSize: true, timeout: 120_000 });
    if (blocked.length > 0) throw new Error(`the folio sheet tried to load files outside the build: ${blocked.join(', ')}`);
    await cache.store.write('folio-sheet', key, Buffer.from(bytes));
    return bytes;
  } finally {
    await closePage(page, signal);
  }
}
