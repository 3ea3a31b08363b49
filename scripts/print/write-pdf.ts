import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'puppeteer';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import type { BuildCache } from '../cache/build-cache.js';
import type { BookConfig } from '../config/load-book.js';
import { finishPdf } from './finish-pdf.js';
import { makePressPdf } from './press-pdf.js';
import { printDocument } from './print-document.js';
import { PrintFailure } from './units/print-unit.js';
import { printBook, type BookPrint } from './units/print-book.js';
import { mergeUnits } from './merge/merge-units.js';
import { folioSheet, stampFolios } from './units/folio-sheet.js';
import { flateStream } from './flate.js';
import { PDFName } from 'pdf-lib';
import { contentHash } from '../cache/content-hash.js';
import type { Brand } from '../brand/brand.js';
import { pageRuleCss } from '../brand/printed-page.js';
import { makeFolder } from '../publish/staging.js';
import { BuildError } from '../diagnostics/diagnostic.js';
import { overflowDiagnostics } from './overflow.js';

/**
 * The PDF stage: the print units' documents and their assets in `<stagingDir>/.print`, printed by
 * Chromium unit by unit (units/print-book.ts; a unit whose document did not change comes from
 * the cache), merged into one tagged PDF (merge/) and finished with metadata, bookmarks and
 * PDF/UA; the finished file is itself a cached result of the units' keys.
 */
export async function writePdf(
  root: string, brand: Brand, stagingDir: string, assembled: AssembledBook, book: BookConfig, browser: () => Promise<Browser>, cache: BuildCache,
  signal: AbortSignal | undefined, record: (name: string, ms: number) => void,
) {
  let t = performance.now();
  const work = join(stagingDir, '.print');
  await makeFolder(work);
  await copyFonts(join(work, 'fonts'), brand.fonts);
  const css = await editionStylesheet(root, brand.fonts, 'print', 'fonts', undefined, pageRuleCss(brand.page));
  await writeFile(join(work, 'book.css'), css);
  // The benchmark measures Chromium alone on the whole book in one document: keep one when asked.
  const keep = process.env.PTR_KEEP_PRINT_DIR;
  if (keep) await writeFile(join(work, 'index.html'), toHtml(printDocument(assembled), { allowDangerousHtml: true }));
  record('pdf.assets', performance.now() - t);
  t = performance.now();
  const printed = await printBook(browser, work, css, assembled, cache, brand.page, signal).catch((e: unknown) => {
    // Which output: the chapters are refused before this at their limits (config/limits.ts).
    if (e instanceof PrintFailure) throw new Error(`${book.output}.pdf: ${e.message} (the book's ${assembled.sections.length} sections, ${largestSection(assembled)})`, { cause: e });
    throw e;
  });
  record('pdf.units', performance.now() - t);
  // Setting the paragraphs (typeset/), summed over the units printed now (they print side by side).
  record('pdf.typeset', printed.typesetMs);
  if (printed.overflows.length > 0) throw new BuildError(await overflowDiagnostics(printed.overflows, book));
  if (printed.blocked.length > 0) throw new Error(`the print page tried to load files outside the build: ${printed.blocked.join(', ')}`);
  const name = `${book.output}.pdf`;
  t = performance.now();
  const finished = await finishedPdf(printed, assembled, book, cache, record, () => folioSheet(browser, work, css, printed.pageCount, cache, brand.page, signal));
  t = performance.now();
  await writeFile(join(stagingDir, name), finished.bytes);
  if (keep) await cp(work, keep, { recursive: true });
  await rm(work, { recursive: true, force: true });
  record('pdf.write', performance.now() - t);
  return {
    passes: printed.passes, starts: printed.starts, preflight: printed.preflight, units: { printed: printed.printed, reused: printed.reused },
    output: { output: 'pdf' as const, path: name, bytes: finished.bytes.length, pages: finished.pageCount },
  };
}

/** The units merged and finished, or the same bytes from the cache when neither the units nor what the finish adds changed. */
async function finishedPdf(
  printed: BookPrint, assembled: AssembledBook, book: BookConfig, cache: BuildCache, record: (name: string, ms: number) => void,
  sheet: () => Promise<Uint8Array>,
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const key = contentHash(cache.pipeline, 'finished-pdf', printed.key, JSON.stringify(printed.folios), JSON.stringify(book), JSON.stringify(assembled.contents), JSON.stringify(assembled.figures), String(printed.artifacts));
  const cached = await cache.store.read('finished-pdf', key);
  if (cached) return { bytes: new Uint8Array(cached), pageCount: printed.pageCount };
  let t = performance.now();
  const doc = await mergeUnits(printed.units.map((bytes) => ({ bytes })));
  const size = doc.getPage(0).getSize();
  // Ascending: each blank is at its page in the book, the ones before it already in place.
  // An empty content stream: a page without one cannot be drawn into the press PDF (pdf-lib embeds pages).
  const empty = doc.context.register(flateStream(doc.context, new Uint8Array()));
  for (const blank of printed.blanks) doc.insertPage(blank - 1, [size.width, size.height]).node.set(PDFName.of('Contents'), empty);
  await stampFolios(doc, await sheet(), printed.folios);
  record('pdf.merge', performance.now() - t);
  t = performance.now();
  const { bytes, pageCount } = await finishPdf(doc, book, assembled.contents, printed.pages, assembled.figures, { artifacts: printed.artifacts });
  record('pdf.finish', performance.now() - t);
  await cache.store.write('finished-pdf', key, Buffer.from(bytes));
  return { bytes, pageCount };
}

/**
 * The printer's variant: a CMYK PDF/X-4 painted with the brand's print values (tokens.css),
 * the cover's dark ground running into the bleed, and the press preflight of what it wrote.
 */
export async function writePressPdf(stagingDir: string, pdfName: string, book: BookConfig, brand: Brand) {
  const { tokens } = brand;
  const [{ brandTable }, { pressProfile }, { pressPreflight, formatPressPreflight }] = await Promise.all([
    import('./press/brand-cmyk.js'), import('./press/press-profile.js'), import('./press/press-preflight.js'),
  ]);
  const profile = await pressProfile(book);
  const fullBleed = [{ page: 1, color: tokens.cmyk('brand-deep-print') }];
  const press = await makePressPdf(await readFile(join(stagingDir, pdfName)), {
    bleedMm: 3, fullBleed, readerEdition: pdfName, brand: brandTable(tokens), profile, condition: book.press?.condition,
  });
  const name = `${book.output}-press.pdf`;
  await writeFile(join(stagingDir, name), press.bytes);
  const preflight = await pressPreflight(press.bytes, { fullBleed: new Set(fullBleed.map((f) => f.page)) });
  return {
    file: { output: 'pdf' as const, path: name, bytes: press.bytes.length },
    preflight,
    report: `${formatPressPreflight(preflight, press.converted)}\n  output intent: ${profile.description} (${profile.from})`,
  };
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
