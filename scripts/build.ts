import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'puppeteer';
import { loadBookConfig, type BookConfig } from './config/load-book.js';
import { loadChapters } from './chapters/load-chapters.js';
import { loadSurvey } from './survey/load-survey.js';
import type { Survey } from './survey/survey-model.js';
import { createFigureAssets } from './figures/figure-assets.js';
import { createCodeHighlighter } from './markdown/highlighter.js';
import { openBuildCache, type BuildCache, type CacheUse } from './cache/build-cache.js';
import { renderChartsCached } from './cache/cached-charts.js';
import { compileChaptersCached } from './cache/cached-compile.js';
import { readPrintLayoutHint, writePrintLayoutHint } from './cache/print-layout-hint.js';
import { settleAll } from './diagnostics/settle-all.js';
import { checkFontFiles } from './fonts/check-font-files.js';
import { checkStyleFonts } from './fonts/check-style-fonts.js';
import { assembleBook, type AssembledBook } from './assemble/assemble-book.js';
import { DiagnosticList, type Diagnostic } from './diagnostics/diagnostic.js';
import { copyFonts, editionStylesheet } from './assets/write-assets.js';
import { printDocument } from './print/print-document.js';
import { launchBrowser } from './print/launch-browser.js';
import { printPdf } from './print/print-pdf.js';
import { makePressPdf } from './print/press-pdf.js';
import { renderCoverImage } from './print/render-cover-image.js';
import { finishPdf } from './print/finish-pdf.js';
import { buildEpub } from './epub/build-epub.js';
import { writeWebEdition, type WebEditionInput } from './web/write-web.js';
import { renderOgImages } from './web/og-images.js';
import { createTextMeasurer } from './charts/text-metrics.js';
import { downloadsIn } from './web/downloads.js';
import { dataReport } from './survey/data-report.js';
import { checkPlacements } from './survey/check-placements.js';
import { lintPercentages } from './survey/lint-percentages.js';
import { createStaging } from './publish/staging.js';
import { createTimer, type StageState, type StageTimings } from './publish/timer.js';


export type OutputKind = 'pdf' | 'epub' | 'web';
export const ALL_OUTPUTS: readonly OutputKind[] = ['pdf', 'epub', 'web'];

export interface BuildOptions {
  readonly root: string;
  readonly outDir?: string;
  readonly only?: readonly OutputKind[];
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: string, state: StageState, ms?: number) => void;
  /** A cache kept across builds (the dev server); otherwise one is opened on `.cache/`. */
  readonly cache?: BuildCache;
  /** A cold build: nothing is read from or written to `.cache/`. */
  readonly noCache?: boolean;
  /** Also write the print-ready PDF (`<name>-press.pdf`: 3 mm bleed, crop marks). */
  readonly press?: boolean;
  /** Called once the book is assembled, before any output is written (the dev server's early pages); awaited. */
  readonly onAssembled?: (assembled: AssembledBook) => void | Promise<void>;
}

export interface BuildResult {
  readonly outputs: ReadonlyArray<{ kind: OutputKind | 'data-report'; path: string; bytes: number; pages?: number }>;
  readonly warnings: readonly Diagnostic[];
  readonly timings: StageTimings;
  readonly printPasses?: number;
  /** What the charts and compile stages took from the cache and what they made anew. */
  readonly cache: { readonly charts: CacheUse; readonly chapters: CacheUse };
}

/** load → compile → charts → html → pdf / epub / web, then publish into dist/ in one move. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir ?? 'dist');
  const only = options.only ?? ALL_OUTPUTS;
  // A failed output stops its siblings, so nothing is still writing when the staging folder goes.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const timer = createTimer(options.onStage);
  const warnings = new DiagnosticList();

  const book = await timer.time('config', () => loadBookConfig(root));
  const cache = options.cache ?? await openBuildCache(root, { enabled: !options.noCache });
  // Chromium starts while the Markdown and the charts compile when the build surely needs it:
  // it is the slowest thing to boot. The ePub's and the web edition's images come from the
  // cache when unchanged, so another build starts one only if it must draw an image.
  const surelyPrints = only.includes('pdf') || (only.includes('epub') && !cache.enabled);
  let browserPromise: Promise<Browser> | undefined = surelyPrints ? launchBrowser(signal) : undefined;
  browserPromise?.catch(() => undefined);
  const browser = () => (browserPromise ??= launchBrowser(signal));
  try {
    const [survey, chapters, highlighter] = await timer.time('load', () =>
      settleAll([loadSurvey(root, signal), loadChapters(book, signal), cache.memo('highlighter', createCodeHighlighter)] as const));
    survey.warnings.forEach((w) => warnings.add(w));
    checkFontFiles(warnings);
    await checkStyleFonts(root, warnings);
    // Chart errors are collected, not thrown: the chapters' errors are reported with them.
    const { charts, use: chartUse } = await timer.time('charts', () => renderChartsCached(root, survey, cache, warnings, signal));
    const { compiled, use: chapterUse } = await timer.time('compile', () =>
      compileChaptersCached(chapters, { survey, charts, figures: createFigureAssets(root), highlighter }, warnings, cache, signal));
    checkPlacements(survey, compiled, warnings);
    lintPercentages(survey, compiled, warnings);
    const assembled = assembleBook(book, compiled, survey);
    await options.onAssembled?.(assembled);

    const staging = await createStaging(outDir);
    try {
      const outputs: BuildResult['outputs'][number][] = [];
      let printPasses: number | undefined;
      const tasks: Promise<void>[] = [];
      if (only.includes('epub')) tasks.push(timer.time('epub', async () => {
        const cover = await renderCoverImage(root, browser, assembled.cover, join(staging.dir, '.cover'), book.language, cache);
        await rm(join(staging.dir, '.cover'), { recursive: true, force: true });
        const bytes = await buildEpub(root, assembled, cover, browser, cache, signal);
        const path = join(staging.dir, `${book.output}.epub`);
        await writeFile(path, bytes);
        outputs.push({ kind: 'epub', path: `${book.output}.epub`, bytes: bytes.length });
      }));
      if (only.includes('pdf')) tasks.push(timer.time('pdf', async () => {
        const waited = performance.now();
        const chromium = await browser();
        timer.record('pdf.browser', performance.now() - waited);
        const result = await writePdf(root, staging.dir, assembled, book, chromium, cache, signal, timer.record);
        printPasses = result.passes;
        outputs.push(result.output);
        if (options.press) outputs.push(await writePressPdf(staging.dir, result.output.path, book));
      }));
      // Last: the web edition's landing page gives the sizes of the PDF and ePub built alongside.
      if (only.includes('web')) {
        const others = Promise.allSettled(tasks);
        const web = { root, assembled, survey, measurer: await cache.memo('text-measurer', async () => createTextMeasurer()),
          drawImages: (cards: ReadonlyArray<{ path: string; svg: string }>) => renderOgImages(root, cards, cache, browser, signal) };
        tasks.push(writeWeb(web, staging.dir, others, timer).then((o) => { outputs.push(o); }));
      }
      await allOrFirstError(tasks, stop);
      const report = dataReport(survey);
      await writeFile(join(staging.dir, 'data-report.md'), report);
      outputs.push({ kind: 'data-report', path: 'data-report.md', bytes: Buffer.byteLength(report) });
      signal?.throwIfAborted();
      await staging.publish(outputs.map((o) => o.path.split('/')[0]!));
      outputs.sort((a, b) => a.path.localeCompare(b.path));
      return { outputs: outputs.map((o) => ({ ...o, path: join(outDir, o.path) })), warnings: warnings.items, timings: timer.timings, printPasses, cache: { charts: chartUse, chapters: chapterUse } };
    } catch (e) {
      await staging.discard();
      throw e;
    }
  } finally {
    if (browserPromise) await browserPromise.then((b) => b.close(), () => undefined);
  }
}

/** Waits for every task to end; the first to fail aborts the others and is the error thrown. */
async function allOrFirstError(tasks: readonly Promise<void>[], stop: AbortController): Promise<void> {
  for (const task of tasks) task.catch((e: unknown) => { if (!stop.signal.aborted) stop.abort(e); });
  const results = await Promise.allSettled(tasks);
  if (results.some((r) => r.status === 'rejected')) throw stop.signal.reason;
}

async function writeWeb(
  input: Omit<WebEditionInput, 'dir'>, stage: string, others: Promise<unknown>, timer: ReturnType<typeof createTimer>,
) {
  const edition = await timer.time('web', () => writeWebEdition({ ...input, dir: join(stage, 'web') }));
  await others;
  const landing = await edition.writeLanding(await downloadsIn(stage, input.assembled.book.output));
  return { kind: 'web' as const, path: `web/${landing.path}`, bytes: landing.bytes };
}

async function writePdf(
  root: string, stage: string, assembled: AssembledBook, book: BookConfig, browser: Browser, cache: BuildCache,
  signal: AbortSignal | undefined, record: (name: string, ms: number) => void,
) {
  let t = performance.now();
  const work = join(stage, '.print');
  await copyFonts(join(work, 'fonts'));
  await writeFile(join(work, 'book.css'), await editionStylesheet(root, 'print', 'fonts'));
  await writeFile(join(work, 'index.html'), toHtml(printDocument(assembled), { allowDangerousHtml: true }));
  record('pdf.html', performance.now() - t);
  const result = await printPdf(browser, work, signal, await readPrintLayoutHint(cache, book.output));
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
  return { passes: result.passes, output: { kind: 'pdf' as const, path: name, bytes: bytes.length, pages: pageCount } };
}

/** The printer's variant: the cover's dark ground runs into the bleed. */
async function writePressPdf(stage: string, pdfName: string, book: BookConfig) {
  const bytes = await makePressPdf(await readFile(join(stage, pdfName)), { bleedMm: 3, fullBleed: [{ page: 1, color: [0.059, 0.165, 0.322] }] });
  const name = `${book.output}-press.pdf`;
  await writeFile(join(stage, name), bytes);
  return { kind: 'pdf' as const, path: name, bytes: bytes.length };
}
