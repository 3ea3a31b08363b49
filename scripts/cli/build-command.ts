import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { relative, resolve } from 'node:path';
// The build's own modules (Vega, unified, Shiki, puppeteer, pdf-lib) load only once a build must run.
import type { BuildResult } from '../build.js';
import { ALL_OUTPUTS, type OutputName } from '../outputs.js';
import { BuildError, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BrowserLaunchError, BrowserNotFoundError } from '../render/browser-errors.js';
import type { UsedBrowser } from '../render/launch-browser.js';
import { OutDirRefused } from '../publish/out-dir.js';
import { createCleanupRegistry } from '../cleanup/cleanup-registry.js';
import { visibleText } from '../diagnostics/visible-text.js';
import { createTerminal, type Terminal, type Verbosity } from './terminal.js';
import { createProgress } from './progress.js';
import { BUILD_HELP } from './help.js';
import { unchangedBuild } from './unchanged-build.js';


export const BUILD_OPTIONS = {
  only: { type: 'string', multiple: true },
  out: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  press: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function verbosityOf(values: { quiet?: boolean; verbose?: boolean }): Verbosity {
  return values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';
}

/** `build`: one build, its diagnostics, then a summary of what was written where. */
export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: BUILD_OPTIONS, allowPositionals: false });
  if (values.help) {
    process.stdout.write(BUILD_HELP);
    return 0;
  }
  const terminal = createTerminal(verbosityOf(values));
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = only.filter((o) => !ALL_OUTPUTS.includes(o as OutputName));
  if (unknown.length > 0) {
    terminal.error(`--only takes ${ALL_OUTPUTS.join(', ')}; got ${unknown.join(', ')}`);
    return 2;
  }
  const outDir = resolve(values.out ?? 'dist');
  const started = performance.now();
  // Nothing changed since the last build: its summary again, and nothing written. --no-cache always builds.
  if (!values['no-cache']) {
    const last = await unchangedBuild(process.cwd(), outDir, only.length > 0 ? (only as OutputName[]) : ALL_OUTPUTS, values.press);
    if ('result' in last) return reportUnchanged(terminal, last.result, performance.now() - started, values.strict);
    // The message may name a source file: shown as text.
    terminal.detail(`Building: ${visibleText(last.why)}.`);
  }
  const { build } = await import('../build.js');
  const controller = new AbortController();
  // What the build holds (its browser, its staging folder) is released however it ends: by the
  // build itself, by the watchdog at a stop's deadline, or as the process exits (a crash too).
  const cleanup = createCleanupRegistry();
  process.on('exit', () => cleanup.releaseAll());
  let watchdog: Worker | undefined;
  const stop = () => {
    // A second Ctrl-C: stop now.
    if (watchdog) return watchdog.postMessage('now');
    terminal.error('\ninterrupted: stopping; dist/ is left as it was');
    controller.abort(new Error('interrupted'));
    // What fails while the build winds down (a module that can no longer load, its helper
    // process having had the same Ctrl-C) is part of stopping, not a crash to report.
    // The same for an error thrown by an event (a pipe to the browser that Ctrl-C closed): the
    // watchdog below still cleans up and ends the process within its deadline.
    for (const event of ['unhandledRejection', 'uncaughtException'] as const) {
      process.removeAllListeners(event).on(event, (e: unknown) => terminal.detail(`while stopping: ${String(e)}`));
    }
    // A stage busy in synchronous work notices the stop only when it yields: a worker thread
    // holding a copy of what the registry holds releases it at the deadline even while this
    // thread is busy.
    const deadline = new Worker(new URL('./stop-watchdog.js', import.meta.url), {
      execArgv: [], workerData: { held: cleanup.held(), deadline: Date.now() + STOP_WITHIN_MS, graceMs: 200 },
    });
    watchdog = deadline;
    cleanup.watch((held) => deadline.postMessage({ held }));
    // Released: end the worker before the process (exiting with a worker still running can
    // crash node), then exit as a Ctrl-C'd program does; the exit releases what a write still
    // under way brought back, and what was held after the watchdog's last copy.
    deadline.on('message', () => {
      terminal.status('');
      void deadline.terminate().finally(() => process.exit(130));
    });
    deadline.unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const progress = createProgress(terminal);
  try {
    const result = await build({
      root: process.cwd(),
      outDir: values.out,
      only: only.length > 0 ? (only as OutputName[]) : undefined,
      signal: controller.signal,
      noCache: values['no-cache'],
      press: values.press,
      cleanup,
      onStage: progress.onStage,
    });
    progress.stop();
    for (const w of sortDiagnostics(result.warnings)) terminal.diagnostic(w);
    printSummary(terminal, result, performance.now() - started);
    if (values.strict && result.warnings.length > 0) {
      terminal.error(`${count(result.warnings.length, 'warning')} and --strict: the build fails (dist/ was updated).`);
      return 1;
    }
    return 0;
  } catch (e) {
    progress.stop();
    return reportFailure(terminal, e, controller.signal.aborted, values.verbose);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
  }
}

/** How long a stopped build may take to wind down before it is ended outright. */
const STOP_WITHIN_MS = 1000;

/** The last build's warnings and summary, for a build that found nothing changed; --strict fails on its warnings as it did. */
function reportUnchanged(terminal: Terminal, result: BuildResult, ms: number, strict: boolean): number {
  for (const w of sortDiagnostics(result.warnings)) terminal.diagnostic(w);
  printOutputs(terminal, result);
  const warnings = result.warnings.length > 0 ? `, ${count(result.warnings.length, 'warning')}` : '';
  terminal.info(`\n${terminal.paint('green', 'Nothing changed')} since the last build (checked in ${Math.round(ms)} ms${warnings}): its outputs are in place, nothing was written.`);
  if (strict && result.warnings.length > 0) {
    terminal.error(`${count(result.warnings.length, 'warning')} and --strict: the build fails (the outputs are the last build's).`);
    return 1;
  }
  return 0;
}

function printSummary(terminal: Terminal, result: BuildResult, ms: number): void {
  printOutputs(terminal, result);
  terminal.info('\nStage timings (ms):');
  for (const [k, v] of Object.entries(result.timings)) terminal.info(`  ${k.padEnd(14)} ${String(v).padStart(6)}`);
  const { charts, chapters } = result.cache;
  const units = result.printUnits;
  if (result.browser) terminal.detail(`\nBrowser: ${describeBrowser(result.browser)}`);
  terminal.detail(`\nCache: reused ${chapters.reused} chapter(s) and ${charts.reused} chart(s); made ${[...chapters.made, ...charts.made].join(', ') || 'nothing'}.`);
  const warnings = result.warnings.length > 0 ? `, ${count(result.warnings.length, 'warning')}` : '';
  terminal.info(`\n${terminal.paint('green', 'Built')} in ${(ms / 1000).toFixed(1)} s${warnings}; reused ${chapters.reused} of ${chapters.reused + chapters.made.length} chapters${units ? `, ${charts.reused} of ${charts.reused + charts.made.length} charts and ${units.reused} of ${units.reused + units.printed} print units` : ` and ${charts.reused} of ${charts.reused + charts.made.length} charts`} from .cache/.`);
}

/** What was written where (the outputs, the print preflight's lines): the same for a build and for "nothing changed". */
function printOutputs(terminal: Terminal, result: BuildResult): void {
  terminal.info('\nOutputs:');
  const rows = result.outputs.map((o) => [visibleText(relative(process.cwd(), o.path) || o.path), size(o.bytes), o.pages ? `${o.pages} pages` : '']);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [path, bytes, pages] of rows) terminal.info(`  ${path!.padEnd(width)}  ${bytes!.padStart(9)}  ${pages}`.trimEnd());
  if (result.preflight) {
    terminal.info('');
    // The preflight's lines may quote a heading or a paragraph of the book.
    for (const line of result.preflight) terminal.info(visibleText(line));
  }
  if (result.outputs.some((o) => o.path.endsWith('-press.pdf'))) terminal.info('\nThe press PDF carries no tags (not accessible): it is for the printer; readers get the tagged PDF.');
}

/** E.g. `embedded Chromium HeadlessChrome/138.0.7204.0, <path> (sandbox off)`. */
export function describeBrowser(b: UsedBrowser): string {
  return `${b.source} ${b.version}, ${b.executablePath}${b.sandbox ? '' : ' (sandbox off)'}`;
}

/**
 * Author errors are listed (grouped by file, in order) and end with one summary line; anything
 * else is one message, with its stack only for --verbose.
 */
export function reportFailure(terminal: Terminal, e: unknown, interrupted: boolean, verbose = false): number {
  if (e instanceof BuildError) {
    const list = sortDiagnostics(e.diagnostics);
    list.forEach((d) => terminal.diagnostic(d));
    terminal.error(`\n${failureSummary(list)}; dist/ was not changed.`);
    return 1;
  }
  if (e instanceof OutDirRefused) {
    // The message names the folder's files: any name, shown as text.
    terminal.error(`error: --out ${visibleText(relative(process.cwd(), e.outDir) || '.')}: ${visibleText(e.message)}; nothing was written\n  hint: ${visibleText(e.hint)}`);
    return 2;
  }
  if (e instanceof BrowserNotFoundError || e instanceof BrowserLaunchError) {
    terminal.error(verbose && e.cause instanceof Error ? `${e.message}\n${e.cause.stack}` : e.message);
    return 1;
  }
  if (interrupted) {
    terminal.error('build interrupted; dist/ was not changed.');
    return 130;
  }
  // An unexpected error may quote author text (a token's value, a parser's excerpt): one line, shown as text.
  terminal.error(`build failed: ${visibleText(e instanceof Error ? e.message : String(e))}; dist/ was not changed (--verbose shows where it failed).`);
  // A stack trace is for whoever debugs the pipeline, not for the author: only with --verbose.
  if (e instanceof Error && e.stack) terminal.detail(e.stack);
  return 1;
}

export function failureSummary(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const files = new Set(list.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  return `${count(errors, 'error')} in ${count(files, 'file')}, ${count(list.length - errors, 'warning')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
