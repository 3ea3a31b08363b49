import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import type { UsedBrowser } from './render/launch-browser.js';
import { loadBookConfig } from './config/load-book.js';
import { loadChapters } from './chapters/load-chapters.js';
import { keptSvgIds } from './chapters/inline-svg-ids.js';
import { loadSurveyCached } from './survey/cached-survey.js';
import { createFigureAssets } from './figures/figure-assets.js';
import { createCodeHighlighter } from './markdown/highlighter.js';
import { CACHE_DIR, openBuildCache, type BuildCache, type CacheUse } from './cache/build-cache.js';
import { renderChartsCached } from './charts/cached-charts.js';
import { compileChaptersCached } from './compile/cached-compile.js';
import { settleAll } from './diagnostics/settle-all.js';
import { checkFontIntegrity } from './fonts/check-font-integrity.js';
import { checkStyleSheets } from './assets/check-style-sheets.js';
import { loadBrand, type Brand } from './brand/brand.js';
import { assembleBook, type AssembledBook } from './assemble/assemble-book.js';
import { DiagnosticList, type Diagnostic } from './diagnostics/diagnostic.js';
import { dataReport } from './survey/data-report.js';
import { checkPlacements } from './compile/check-placements.js';
import { lintPercentages } from './compile/lint-percentages.js';
import { createStaging, removeStaleStaging } from './publish/staging.js';
import { createCleanupRegistry, type CleanupRegistry } from './cleanup/cleanup-registry.js';
import { checkOutDir } from './publish/out-dir.js';
import { createTimer, type StageState, type StageTimings } from './publish/timer.js';
import { outputFolderState } from './publish/output-manifest.js';
import { startReadLog, type ReadLog } from './diagnostics/read-log.js';
import { optionsKey, recordedInputs, writeBuildRecord } from './cache/build-record.js';
import type { Output, OutputContext } from './output/output.js';
import { OUTPUTS, ALL_OUTPUTS, type OutputName } from './outputs.js';
import type { PageStart } from './output/page-starts.js';

export { ALL_OUTPUTS, type OutputName };

export interface BuildOptions {
  readonly root: string;
  readonly outDir?: string;
  readonly only?: readonly OutputName[];
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: string, state: StageState, ms?: number) => void;
  /** A cache kept across builds (the dev server); otherwise one is opened on `.cache/`. */
  readonly cache?: BuildCache;
  /** A cold build: nothing is read from or written to `.cache/`. */
  readonly noCache?: boolean;
  /** Also write the print-ready PDF (`<name>-press.pdf`: 3 mm bleed, crop marks). */
  readonly press?: boolean;
  /**
   * Where the build holds what must not outlive it (browser, staging folder): the command line's,
   * which also releases it on a stop's deadline and at exit. Whatever is still held when the
   * build ends (it failed or was aborted) is released then.
   */
  readonly cleanup?: CleanupRegistry;
  /** Called once the book is assembled, before any output is written (the dev server's early pages); awaited. */
  readonly onAssembled?: (assembled: AssembledBook, brand: Brand) => void | Promise<void>;
}

export interface BuildResult {
  readonly outputs: ReadonlyArray<{ output: OutputName | 'data-report'; path: string; bytes: number; pages?: number }>;
  readonly warnings: readonly Diagnostic[];
  readonly timings: StageTimings;
  /** The print units printed and taken from the cache, when the PDF was built. */
  readonly printUnits?: { readonly printed: number; readonly reused: number };
  /** The print preflight's summary lines (styles/print.css's layout, page by page). */
  readonly preflight?: readonly string[];
  /** What the charts and compile stages took from the cache and what they made anew. */
  readonly cache: { readonly charts: CacheUse; readonly chapters: CacheUse };
  /** The Chromium that printed or drew images, when one was started. */
  readonly browser?: UsedBrowser;
}

/**
 * config → load (survey, chapters) → charts → compile → assemble → the requested outputs side
 * by side (scripts/outputs.ts) and the data report, then publish into dist/ in one move.
 * What the build read is noted as it reads it, for the record of its inputs (cache/build-record.ts).
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const reads = startReadLog(resolve(options.root));
  try {
    return await buildNoting(options, reads);
  } finally {
    reads.stop();
  }
}

async function buildNoting(options: BuildOptions, reads: ReadLog): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir ?? 'dist');
  const only = options.only ?? ALL_OUTPUTS;
  // A failed output stops its siblings, so nothing is still writing when the staging folder goes.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const timer = createTimer(options.onStage);
  const warnings = new DiagnosticList();
  const cleanup = options.cleanup ?? createCleanupRegistry();

  const book = await timer.time('config', () => loadBookConfig(root));
  // Before any work: an output folder that holds sources or others' files is refused at once.
  const outFolder = await checkOutDir(root, outDir, [`${book.output}.pdf`, `${book.output}-press.pdf`, `${book.output}.epub`, 'web', 'data-report.md']);
  await removeStaleStaging(outDir);
  const cache = options.cache ?? await openBuildCache(root, { enabled: !options.noCache });
  const keepSvgIds = await keptSvgIds(cache.store, cache.pipeline);
  const requested: ReadonlyArray<Output<OutputName>> = OUTPUTS.filter((o) => only.includes(o.name));
  // Chromium starts while the Markdown and the charts compile when the build surely needs it:
  // it is the slowest thing to boot. The ePub's and the web edition's images come from the
  // cache when unchanged, so another build starts one only if it must draw an image.
  const surelyPrints = requested.some((o) => o.needs.browser === 'always' || (o.needs.browser === 'cold' && !cache.enabled));
  // The outputs' modules (puppeteer, pdf-lib, epub-gen-memory) are loaded when a build needs
  // them: a web-only build, the dev server's, does without.
  let usedBrowser: UsedBrowser | undefined;
  const launch = () => import('./render/launch-browser.js').then((m) => m.launchBrowser(signal, (used) => { usedBrowser = used; }, cleanup));
  let browserPromise: Promise<Browser> | undefined = surelyPrints ? launch() : undefined;
  browserPromise?.catch(() => undefined);
  const browser = () => (browserPromise ??= launch());
  try {
    const [survey, chapters] = await timer.time('load', () => settleAll([loadSurveyCached(root, cache, signal), loadChapters(book, signal)] as const));
    survey.warnings.forEach((w) => warnings.add(w));
    // The brand (tokens.css: colours, faces, page), read once for the whole build. Without one
    // (its error is reported) the charts are checked, not drawn, and the chapters still compile:
    // one run names every error.
    const brand = loadBrand(root, warnings);
    // Its faces' files are there (brand.ts checks that): each must also decode.
    if (brand) await checkFontIntegrity(warnings, brand.fonts);
    await checkStyleSheets(root, warnings, brand?.fonts);
    // Chart errors are collected, not thrown: the chapters' errors are reported with them.
    const { charts, use: chartUse } = await timer.time('charts', () => renderChartsCached(root, brand, survey, cache, warnings, signal));
    const { compiled, use: chapterUse } = await timer.time('compile', () =>
      compileChaptersCached(chapters, { survey, charts, figures: createFigureAssets(root), highlighter: () => cache.memo('highlighter', createCodeHighlighter) }, warnings, cache, signal));
    checkPlacements(survey, compiled, warnings);
    lintPercentages(survey, compiled, warnings);
    const assembled = assembleBook(book, compiled, survey);
    if (!brand) {
      warnings.throwIfErrors();
      throw new Error('the brand could not be read, and no error says why');
    }
    await options.onAssembled?.(assembled, brand);

    // Stopped while the chapters compiled: no staging folder is made for outputs that will not be written.
    signal.throwIfAborted();
    const staging = await createStaging(outDir, outFolder, cleanup);
    try {
      const outputs: BuildResult['outputs'][number][] = [];
      let printUnits: BuildResult['printUnits'];
      let preflightLines: string[] | undefined;
      const tasks: Promise<void>[] = [];
      // The ePub's print page list comes from the final print: it waits for it when the PDF is built.
      let settlePageStarts: (starts: readonly PageStart[]) => void = () => undefined;
      const pageStarts = only.includes('pdf') ? new Promise<readonly PageStart[]>((done) => { settlePageStarts = done; }) : Promise.resolve([]);
      const context: Omit<OutputContext, 'others'> = {
        root, brand, book, assembled, survey, cache, stagingDir: staging.dir, browser, press: options.press ?? false, timer, warnings,
        printLayout: { starts: pageStarts, settle: (starts) => settlePageStarts(starts) },
      };
      const start = (output: Output<OutputName>, others: Promise<unknown>) => {
        tasks.push(output.write({ ...context, others }, signal).then((result) => {
          outputs.push(...result.files.map((f) => ({ ...f, output: f.output as OutputName })));
          printUnits ??= result.printUnits;
          if (result.report) (preflightLines ??= []).push(...result.report);
        }));
      };
      for (const output of requested.filter((o) => !o.needs.others)) start(output, Promise.resolve());
      // Last: an output that waits for the others (the web landing page gives their sizes).
      const others = Promise.allSettled(tasks);
      for (const output of requested.filter((o) => o.needs.others)) start(output, others);
      await allOrFirstError(tasks, stop);
      const report = dataReport(survey);
      await writeFile(join(staging.dir, 'data-report.md'), report);
      outputs.push({ output: 'data-report', path: 'data-report.md', bytes: Buffer.byteLength(report) });
      await keepSvgIds();
      reportDamagedEntries(cache, warnings);
      signal?.throwIfAborted();
      await staging.publish(outputs.map((o) => o.path.split('/')[0]!));
      outputs.sort((a, b) => a.path.localeCompare(b.path));
      const result: BuildResult = { outputs: outputs.map((o) => ({ ...o, path: join(outDir, o.path) })), warnings: warnings.items, timings: timer.timings, printUnits, preflight: preflightLines, cache: { charts: chartUse, chapters: chapterUse }, browser: usedBrowser };
      // A later build that would read the same may print this and write nothing (the CLI's "nothing changed").
      // Not for the dev server's builds: its cache lives across builds, and so do some of their reads.
      if (cache.enabled && !options.cache) await keepRecord(cache, root, outDir, optionsKey(only, options.press ?? false), reads, result);
      return result;
    } catch (e) {
      await staging.discard();
      throw e;
    }
  } finally {
    // When stopped, the browser is not closed politely (that can take seconds): it is released below.
    if (browserPromise && !signal.aborted) await browserPromise.then((b) => b.close(), () => undefined);
    // A stopped or failed build's browser process group, a staging folder a late write made again.
    cleanup.releaseAll();
  }
}

/**
 * Keeps the record of this build; one that cannot be made or kept only costs the next build its
 * shortcut. The warnings about the cache itself (an entry found damaged and made again) are
 * about this build, not about the sources: a build that finds nothing changed does not repeat them.
 */
async function keepRecord(cache: BuildCache, root: string, outDir: string, options: ReturnType<typeof optionsKey>, reads: ReadLog, result: BuildResult): Promise<void> {
  try {
    const outputs = await outputFolderState(outDir);
    if (!outputs) return;
    const kept = { ...result, warnings: result.warnings.filter((w) => !CACHE_WARNINGS.has(w.ruleId ?? '')) };
    await writeBuildRecord(cache.store, { root, outDir, inputs: await recordedInputs(options, reads, result.browser?.executablePath, cache.pipeline), outputs, result: kept });
  } catch {
    // no record: the next build is a full one
  }
}

const CACHE_WARNINGS = new Set(['cache-damaged', 'cache-unwritable']);

/** What the codes of a failed write mean, for the cache's warning. */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'a read-only file system', ENOSPC: 'the disk is full',
  EEXIST: 'a file where a folder should be', ENOTDIR: 'a file where a folder should be',
};

/** A warning for each cache entry that failed its content check: it was deleted and made again. */
function reportDamagedEntries(cache: BuildCache, warnings: DiagnosticList): void {
  const unwritable = cache.takeUnwritable();
  if (unwritable) {
    warnings.warn(`${CACHE_DIR}/`, 1, 1, `the cache folder cannot be written (${unwritable}${WRITE_ERRORS[unwritable] ? `: ${WRITE_ERRORS[unwritable]}` : ''}): building without it`,
      `make ${CACHE_DIR}/ a folder you may write, or delete it; --no-cache builds without it and says nothing`, 'cache-unwritable');
  }
  for (const entry of cache.takeDamaged()) {
    warnings.warn(`${CACHE_DIR}/${entry}`, 1, 1, 'cache entry failed its content check (truncated or damaged): discarded and made again',
      'nothing to do, the outputs are complete; if this recurs, check the disk (space, errors)', 'cache-damaged');
  }
}

/** Waits for every task to end; the first to fail aborts the others and is the error thrown. */
async function allOrFirstError(tasks: readonly Promise<void>[], stop: AbortController): Promise<void> {
  for (const task of tasks) task.catch((e: unknown) => { if (!stop.signal.aborted) stop.abort(e); });
  const results = await Promise.allSettled(tasks);
  if (results.some((r) => r.status === 'rejected')) throw stop.signal.reason;
}
