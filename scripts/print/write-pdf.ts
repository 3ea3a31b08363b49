import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'puppeteer';
import type { PDFDocument } from 'pdf-lib';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import type { BuildCache } from '../cache/build-cache.js';
import { readPrintLayoutHint, writePrintLayoutHint } from './print-layout-hint.js';
import type { BookConfig } from '../config/load-book.js';
import { finishPdf } from './finish-pdf.js';
import { makePressPdf } from './press-pdf.js';
import { printDocument } from './print-document.js';
import { PrintFailure, printPdf } from './print-pdf.js';
import { readBrandTokens } from '../assets/brand-tokens.js';
import { pageGeometry, parsedContent } from './page-geometry.js';
import type { ContentStream } from './content-stream.js';
import { preflight, type PreflightReport } from './preflight.js';
import { readStructTree } from './struct-tree.js';
import { makeFolder } from '../publish/staging.js';
import { BuildError } from '../diagnostics/diagnostic.js';
import { overflowDiagnostics, PrintOverflow } from './overflow.js';

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
  await makeFolder(work);
  await copyFonts(join(work, 'fonts'));
  await writeFile(join(work, 'book.css'), await editionStylesheet(root, 'print', 'fonts'));
  await writeFile(join(work, 'index.html'), toHtml(printDocument(assembled), { allowDangerousHtml: true }));
  record('pdf.html', performance.now() - t);
  const result = await printPdf(browser, work, signal, await readPrintLayoutHint(cache, book.output), [...assembled.sections.map((s) => s.id), 'contents']).catch(async (e: unknown) => {
    if (e instanceof PrintOverflow) throw new BuildError(await overflowDiagnostics(e.findings, book));
    // Which output: the chapters are refused before this at their limits (config/limits.ts).
    if (e instanceof PrintFailure) throw new Error(`${book.output}.pdf: ${e.message} (the book's ${assembled.sections.length} sections, ${largestSection(assembled)})`, { cause: e });
    throw e;
  });
  await writePrintLayoutHint(cache, book.output, result.layout);
  for (const [k, v] of Object.entries(result.timings)) record(`pdf.${k}`, v);
  if (result.blocked.length > 0) throw new Error(`the print page tried to load files outside the build: ${result.blocked.join(', ')}`);
  t = performance.now();
  const parsed = result.pdf.getPages().map((p) => parsedContent(p));
  const report = preflightOf(result.pdf, assembled, result.pages, parsed);
  record('pdf.preflight', performance.now() - t);
  t = performance.now();
  const { bytes, pageCount, accessible } = await finishPdf(result.pdf, book, assembled.contents, result.pages, assembled.figures, parsed);
  record('pdf.finish', performance.now() - t);
  const name = `${book.output}.pdf`;
  await writeFile(join(stage, name), bytes);
  // The benchmark measures Chromium alone on this final HTML: keep a copy when asked.
  const keep = process.env.PTR_KEEP_PRINT_DIR;
  if (keep) await cp(work, keep, { recursive: true });
  await rm(work, { recursive: true, force: true });
  return { passes: result.passes, starts: result.starts, preflight: report, accessible, output: { kind: 'pdf' as const, path: name, bytes: bytes.length, pages: pageCount } };
}

/** The preflight of the printed layout; parts, chapters, the back matter and all before the first of them (cover, contents) start pages. */
function preflightOf(doc: PDFDocument, assembled: AssembledBook, pages: ReadonlyMap<string, number>, parsed: ReadonlyArray<readonly ContentStream[]>): PreflightReport {
  const starts = new Set(assembled.contents.flatMap((e) => [e, ...e.children]).filter((e) => e.level <= 2).map((e) => pages.get(e.id)).filter((n): n is number => n !== undefined));
  if (starts.size > 0) for (let p = 1; p < Math.min(...starts); p++) starts.add(p);
  return preflight(doc, doc.getPages().map((p, i) => pageGeometry(p, parsed[i])), readStructTree(doc), starts);
}

export /** The printer's variant: the cover's dark ground runs into the bleed. */
async function writePressPdf(stage: string, pdfName: string, book: BookConfig) {
  const bytes = await makePressPdf(await readFile(join(stage, pdfName)), { bleedMm: 3, fullBleed: [{ page: 1, color: readBrandTokens(book.root).rgb('brand-deep') }], readerEdition: pdfName });
  const name = `${book.output}-press.pdf`;
  await writeFile(join(stage, name), bytes);
  return { kind: 'pdf' as const, path: name, bytes: bytes.length };
}

/** The section with the most text, named in a print failure: the likeliest cause of a timeout. */
function largestSection(assembled: AssembledBook): string {
  let largest = { id: '', length: -1 };
  for (const s of assembled.sections) {
    const length = toHtml(s.element).length;
    if (length > largest.length) largest = { id: s.id, length };
  }
  return `the largest "${largest.id}", ${Math.round(largest.length / 1024).toLocaleString('en')} KiB of HTML`;
}
