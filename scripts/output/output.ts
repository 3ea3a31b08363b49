import type { Browser } from 'puppeteer';
import type { AssembledBook } from '../assemble/assemble-book.js';
import type { BuildCache } from '../cache/build-cache.js';
import type { BookConfig } from '../config/load-book.js';
import type { Brand } from '../brand/brand.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { PageStart } from './page-starts.js';
import type { createTimer } from '../publish/timer.js';
import type { Survey } from '../survey/survey-model.js';

/** One file (or the entry point of a folder) an output wrote into the staging folder. */
export interface WrittenFile {
  /** The output that wrote it (`pdf`, `epub`, `web`). */
  readonly output: string;
  /** Relative to the staging folder, e.g. `python-tech-radar.pdf` or `web/index.html`. */
  readonly path: string;
  readonly bytes: number;
  readonly pages?: number;
}

/** What the build gives every output: the assembled book and the shared services. */
export interface OutputContext {
  readonly root: string;
  /** The brand (styles/tokens.css), read once by the build. */
  readonly brand: Brand;
  readonly book: BookConfig;
  readonly assembled: AssembledBook;
  readonly survey: Survey;
  readonly cache: BuildCache;
  /** The staging folder: everything an output writes goes here, published in one move. */
  readonly stagingDir: string;
  /** The one Chromium of the build, started at the first call (or early, see `needs.browser`). */
  readonly browser: () => Promise<Browser>;
  /** `--press`: also the printer's variant. */
  readonly press: boolean;
  /** Settles once the outputs that do not wait for others have ended. */
  readonly others: Promise<unknown>;
  readonly timer: ReturnType<typeof createTimer>;
  /** Where an output's warnings go (with --strict they fail the build). */
  readonly warnings: DiagnosticList;
  /**
   * Where each print page starts: the PDF settles it from its final pass ([] without a PDF). The
   * ePub's page list and the web's page anchors wait for it, in a last step: their pages are made
   * before, with a slot for each marker (page-marker-slots.ts).
   */
  readonly printLayout: { readonly starts: Promise<readonly PageStart[]>; settle(starts: readonly PageStart[]): void };
}

/**
 * An edition of the book. The build runs the requested ones side by side; adding an output is
 * a folder with one of these and a line in scripts/outputs.ts. Its heavy modules are imported
 * inside `write`, so a build that does not ask for it does not load them.
 */
export interface Output<Name extends string = string> {
  readonly name: Name;
  readonly needs: {
    /**
     * When Chromium should start early, while the book compiles (it is the slowest thing to
     * boot): `always`, only when the cache is off (`cold`: its images are cached otherwise),
     * or never (`on-demand`). Any output may still ask `context.browser()`.
     */
    readonly browser: 'always' | 'cold' | 'on-demand';
    /** Waits for the other outputs' files before finishing (the web landing page lists their sizes). */
    readonly others: boolean;
  };
  write(context: OutputContext, signal: AbortSignal): Promise<{ readonly files: readonly WrittenFile[]; /** The print units printed and taken from the cache (the PDF). */ readonly printUnits?: { readonly printed: number; readonly reused: number }; /** Lines the CLI prints below the outputs (the print preflight). */ readonly report?: readonly string[] }>;
}
