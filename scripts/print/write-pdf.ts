import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'puppeteer';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import type { BuildCache } from '../cache/build-cache.js';
import { readPrintLayoutHint, writePrintLayoutHint } from '../cache/print-layout-hint.js';
import type { BookConfig } from '../config/load-book.js';
import { finishPdf } from './finish-pdf.js';
import { makePressPdf } from './press-pdf.js';
import { printDocument } from './print-document.js';
import { printPdf } from './print-pdf.js';

/**
 * The PDF stage: the print document and its assets in `<stage>/.print`, printed by Chromium
 * (starting from the layout the last build settled on), finished with metadata and bookmarks.
 */
export async function writePdf(
  root: string, stage: string, assembled: AssembledBook, book: BookConfig, browser: Browser, cache: BuildCache,
  signal: AbortSignal | undefined, record: (name: string, ms: number) => void,
) {
  let t = performance.now();
  const work = join(stage, '.print');
  await copyFonts(join(work, 'fonts'));
  await writeFile(join(work, 'book.css'), await editionStylesheet(root, 'print', 'fonts'));
  await writeFile(join(work, 'index.html'), toHtml(printDocument(assembled), { allowDangerousHtml: true }));
  record('pdf.html', performance.now() - t);
  const result = await printPdf(browser, work, signal, await readPrintLayoutHint(cache, book.output), [...assembled.sections.map((s) => s.id), 'contents']);
  await writePrintLayoutHint(cache, book.output, result.layout);
  for (const [k, v] of Object.entries(result.timings)) record(`pdf.${k}`, v);
  if (result.blocked.length > 0) throw new Error(`the print page tried to load files outside the build: ${result.blocked.join(', ')}`);
  t = performance.now();
  const { bytes, pageCount } = await finishPdf(result.pdf, book, assembled.contents, result.pages);
  record('pdf.finish', performance.now() - t);
  const name = `${book.output}.pdf`;
  await writeFile(join(stage, name), bytes);
  // The benchmark measures Chromium alone on this final HTML: keep a copy when asked.
  const keep = process.env.PTR_KEEP_PRINT_DIR;
  if (keep) await cp(work, keep, { recursive: true });
  await rm(work, { recursive: true, force: true });
  return { passes: result.passes, starts: result.starts, output: { kind: 'pdf' as const, path: name, bytes: bytes.length, pages: pageCount } };
}

export /** The printer's variant: the cover's dark ground runs into the bleed. */
async function writePressPdf(stage: string, pdfName: string, book: BookConfig) {
  const bytes = await makePressPdf(await readFile(join(stage, pdfName)), { bleedMm: 3, fullBleed: [{ page: 1, color: [0.059, 0.165, 0.322] }] });
  const name = `${book.output}-press.pdf`;
  await writeFile(join(stage, name), bytes);
  return { kind: 'pdf' as const, path: name, bytes: bytes.length };
}
