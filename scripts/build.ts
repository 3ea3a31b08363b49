import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import { loadBookConfig } from './config/load-book.js';
import { loadChapters } from './chapters/load-chapters.js';
import { loadSurvey } from './survey/load-survey.js';
import { createFigureAssets } from './figures/figure-assets.js';
import { createCodeHighlighter } from './markdown/highlighter.js';
import { openBuildCache, type BuildCache, type CacheUse } from './cache/build-cache.js';
import { renderChartsCached } from './cache/cached-charts.js';
import { compileChaptersCached } from './cache/cached-compile.js';
import { settleAll } from './diagnostics/settle-all.js';
import { checkFontFiles } from './fonts/check-font-files.js';
import { checkStyleFonts } from './fonts/check-style-fonts.js';
import { assembleBook, type AssembledBook } from './assemble/assemble-book.js';
import { DiagnosticList, type Diagnostic } from './diagnostics/diagnostic.js';
import { writeWebEdition, type WebEditionInput } from './web/write-web.js';
import { renderOgImages } from './web/og-images.js';
import type { Rasterizable } from './cache/cached-rasters.js';
import { sharedTextMeasurer } from './cache/shared-measurer.js';
import { downloadsIn } from './web/downloads.js';
import { dataReport } from './survey/data-report.js';
import { checkPlacements } from './survey/check-placements.js';
import { lintPercentages } from './survey/lint-percentages.js';
import { createStaging } from './publish/staging.js';
import { createTimer, type StageState, type StageTimings } from './publish/timer.js';
import type { PageStart } from './print/page-blocks.js';


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
  // The print and ePub stages' modules (puppeteer, pdf-lib, epub-gen-memory) are loaded when a
  // build needs them: a web-only build, the dev server's, does without.
  const launch = () => import('./print/launch-browser.js').then((m) => m.launchBrowser(signal));
  let browserPromise: Promise<Browser> | undefined = surelyPrints ? launch() : undefined;
  browserPromise?.catch(() => undefined);
  const browser = () => (browserPromise ??= launch());
  try {
    const [survey, chapters] = await timer.time('load', () => settleAll([loadSurvey(root, signal), loadChapters(book, signal)] as const));
    survey.warnings.forEach((w) => warnings.add(w));
    checkFontFiles(warnings);
    await checkStyleFonts(root, warnings);
    // Chart errors are collected, not thrown: the chapters' errors are reported with them.
    const { charts, use: chartUse } = await timer.time('charts', () => renderChartsCached(root, survey, cache, warnings, signal));
    const { compiled, use: chapterUse } = await timer.time('compile', () =>
      compileChaptersCached(chapters, { survey, charts, figures: createFigureAssets(root), highlighter: () => cache.memo('highlighter', createCodeHighlighter) }, warnings, cache, signal));
    checkPlacements(survey, compiled, warnings);
    lintPercentages(survey, compiled, warnings);
    const assembled = assembleBook(book, compiled, survey);
    await options.onAssembled?.(assembled);

    const staging = await createStaging(outDir);
    try {
      const outputs: BuildResult['outputs'][number][] = [];
      let printPasses: number | undefined;
      const tasks: Promise<void>[] = [];
      // The ePub's print page list comes from the final print: it waits for it when the PDF is built.
      let pageStartsFound: (starts: readonly PageStart[]) => void = () => undefined;
      const pageStarts = only.includes('pdf') ? new Promise<readonly PageStart[]>((done) => { pageStartsFound = done; }) : Promise.resolve([]);
      if (only.includes('epub')) tasks.push(timer.time('epub', async () => {
        const [{ renderCoverImage }, { buildEpub }] = await Promise.all([import('./print/render-cover-image.js'), import('./epub/build-epub.js')]);
        const cover = await renderCoverImage(root, browser, assembled.cover, join(staging.dir, '.cover'), book.language, cache);
        await rm(join(staging.dir, '.cover'), { recursive: true, force: true });
        const bytes = await buildEpub(root, assembled, cover, browser, cache, signal, await Promise.race([pageStarts, aborted(signal)]));
        const path = join(staging.dir, `${book.output}.epub`);
        await writeFile(path, bytes);
        outputs.push({ kind: 'epub', path: `${book.output}.epub`, bytes: bytes.length });
      }));
      if (only.includes('pdf')) tasks.push(timer.time('pdf', async () => {
        const waited = performance.now();
        const chromium = await browser();
        timer.record('pdf.browser', performance.now() - waited);
        const { writePdf, writePressPdf } = await import('./print/write-pdf.js');
        const result = await writePdf(root, staging.dir, assembled, book, chromium, cache, signal, timer.record);
        printPasses = result.passes;
        pageStartsFound(result.starts);
        outputs.push(result.output);
        if (options.press) outputs.push(await writePressPdf(staging.dir, result.output.path, book));
      }));
      // Last: the web edition's landing page gives the sizes of the PDF and ePub built alongside.
      if (only.includes('web')) {
        const others = Promise.allSettled(tasks);
        const web = {
          root, assembled, survey,
          measurer: () => sharedTextMeasurer(cache),
          drawImages: (cards: readonly Rasterizable[]) => renderOgImages(root, cards, cache, browser, signal),
        };
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

/** Rejects when the build is aborted (a sibling failed): nothing waits for a result that will not come. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
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

