import type { Brand } from '../brand/brand.js';
import { join } from 'node:path';
import { build, type BuildResult } from '../build.js';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { BuildError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CACHE_DIR, type BuildCache } from '../cache/build-cache.js';
import { createSitePages } from '../web/site-pages.js';

/** What the dev server shows: the last build's outcome, numbered so pages know they are stale. */
export interface DevState {
  readonly version: number;
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** An unexpected failure (a bug, not an author error), with its stack. */
  readonly crash?: string;
  readonly ms: number;
}

export interface DevSessionOptions {
  readonly root: string;
  readonly outDir: string;
  readonly cache: BuildCache;
  /**
   * `early`: the pages served from memory before the build ended (and already reloaded);
   * empty when the build failed or there were none.
   */
  readonly onBuilt: (state: DevState, result: BuildResult | undefined, changed: readonly string[], early: readonly string[]) => void;
  /** The site paths of the pages open in a browser now (`part-1/asynchronous-python/index.html`). */
  readonly openPages?: () => Iterable<string>;
  /**
   * The open pages' new HTML is ready, ahead of the rest of the edition: reload them. The build
   * goes on when the promise settles, so the reloading pages are served first.
   */
  readonly onEarlyPages?: (paths: readonly string[]) => void | Promise<void>;
}

/**
 * Sources that change only the pages' HTML (chapters, figures, chart specs and data, book.yaml):
 * the open pages can be made before the whole site is. A style sheet is a file the pages load,
 * rewritten only with the rest of the site, so a style change waits for the whole build.
 */
const PAGE_SOURCE = /^(manuscript|charts)\//;

export type PdfPreview = { ok: true; path: string } | { ok: false; state: DevState };

/**
 * The builds of one `dev` run. A change rebuilds the web edition only (the chapters that did
 * not change come from the cache); changes during a build are gathered into one next build.
 * When only the pages' sources changed (not the styles), the pages open in a browser are made as
 * soon as the book is assembled and served from memory while the rest of the site is written: a
 * saved paragraph or chart shows without waiting for every page, the search index and the files.
 * The PDF is built on demand, in its own lane and folder, so it never delays the web preview.
 */
export function createDevSession(options: DevSessionOptions) {
  const controller = new AbortController();
  let state: DevState = { version: 0, ok: false, diagnostics: [], ms: 0 };
  let running: Promise<void> | undefined;
  let pending: string[] | undefined;
  let pdf: { promise: Promise<PdfPreview>; version: number } | undefined;
  let sourceVersion = 0;
  /** The open pages' HTML of the build in progress, made ahead of the edition's files. */
  let early = new Map<string, string>();

  const buildWeb = async (changed: readonly string[]) => {
    const t = performance.now();
    let result: BuildResult | undefined;
    let failure: Pick<DevState, 'diagnostics' | 'crash'> | undefined;
    const makeEarly = changed.length > 0 && changed.every((p) => PAGE_SOURCE.test(p.split('\\').join('/')));
    const onAssembled = makeEarly && options.openPages ? (assembled: AssembledBook, brand: Brand) => {
      const pages = createSitePages(assembled, brand);
      for (const path of options.openPages!()) {
        const html = pages.html(path);
        if (html !== undefined) early.set(path, html);
      }
      return early.size > 0 ? options.onEarlyPages?.([...early.keys()]) : undefined;
    } : undefined;
    try {
      result = await build({ root: options.root, outDir: options.outDir, only: ['web'], cache: options.cache, signal: controller.signal, onAssembled });
    } catch (e) {
      if (controller.signal.aborted) return;
      failure = outcomeOf(e);
    }
    state = { version: state.version + 1, ok: !failure, diagnostics: failure?.diagnostics ?? result?.warnings ?? [], crash: failure?.crash, ms: performance.now() - t };
    const served = failure ? [] : [...early.keys()];
    early = new Map();
    options.onBuilt(state, result, changed, served);
  };

  const loop = async (changed: readonly string[]) => {
    await buildWeb(changed);
    while (pending && !controller.signal.aborted) {
      const next = pending;
      pending = undefined;
      await buildWeb(next);
    }
    running = undefined;
  };

  return {
    get state(): DevState {
      return state;
    },
    /** Schedules a web build for these changed files (relative paths, for the log). */
    changed(paths: readonly string[]): void {
      sourceVersion += 1;
      if (controller.signal.aborted) return;
      if (running) pending = [...(pending ?? []), ...paths];
      else running = loop(paths);
    },
    /** The page at a site path as the build in progress made it ahead of the rest, if it did. */
    earlyPage(path: string): string | undefined {
      return early.get(path);
    },
    get building(): boolean {
      return running !== undefined;
    },
    /** Resolves when no web build is running or waiting. */
    async idle(): Promise<void> {
      while (running) await running;
    },
    /** The PDF of the current sources; built once per change, however often it is asked for. */
    pdf(): Promise<PdfPreview> {
      if (!pdf || pdf.version !== sourceVersion) {
        const outDir = join(options.root, CACHE_DIR, 'dev-preview');
        const promise = build({ root: options.root, outDir, only: ['pdf'], cache: options.cache, signal: controller.signal })
          .then((r): PdfPreview => ({ ok: true, path: r.outputs.find((o) => o.output === 'pdf')!.path }))
          .catch((e: unknown): PdfPreview => ({ ok: false, state: { version: state.version, ok: false, ...outcomeOf(e), ms: 0 } }));
        pdf = { promise, version: sourceVersion };
      }
      return pdf.promise;
    },
    /** Stops every build (Chromium of a PDF preview included) and waits for them to end. */
    async close(): Promise<void> {
      controller.abort(new Error('the dev server is stopping'));
      await Promise.allSettled([running, pdf?.promise]);
    },
  };
}

export type DevSession = ReturnType<typeof createDevSession>;

function outcomeOf(e: unknown): Pick<DevState, 'diagnostics' | 'crash'> {
  if (e instanceof BuildError) return { diagnostics: e.diagnostics };
  return { diagnostics: [], crash: e instanceof Error ? e.stack ?? e.message : String(e) };
}
