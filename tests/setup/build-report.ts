import { mkdtempSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.js';
import { openBuildCache } from '../../scripts/cache/build-cache.js';
import { formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';
import { REPORT_BUILT } from './report-built.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding one real build of the whole report, shared by the output tests. */
    reportDist: string;
    /** The folder of that build: `REPORT_BUILT` appears in it when the build has ended (report-built.ts). */
    reportFolder: string;
  }
}

interface SharedBuild {
  readonly dir: string;
  readonly built: Promise<void>;
  users: number;
}

/** The build, shared by the projects that read it through the process's global object. */
const shared = globalThis as typeof globalThis & { ptrReportBuild?: SharedBuild };

/**
 * Builds the real report once for the acceptance project, into a temporary folder with its own
 * cache: the repository's `dist/` and `.cache/` are neither read nor written. The build is
 * started here and not awaited: the unit project runs while it prints, and each acceptance file
 * waits for its end (tests/setup/wait-for-report.ts). The last project to finish removes it.
 */
export default function setup(project: TestProject) {
  shared.ptrReportBuild ??= startReportBuild();
  const state = shared.ptrReportBuild;
  state.users += 1;
  project.provide('reportDist', join(state.dir, 'dist'));
  project.provide('reportFolder', state.dir);
  return async () => {
    state.users -= 1;
    if (state.users === 0) {
      await state.built;
      shared.ptrReportBuild = undefined;
      await rm(state.dir, { recursive: true, force: true });
    }
  };
}

function startReportBuild(): SharedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'ptr-test-dist-'));
  // Written whole under another name, then renamed: a waiting file never reads half of it.
  const end = async (what: object) => {
    await writeFile(join(dir, `${REPORT_BUILT}.part`), JSON.stringify(what));
    await rename(join(dir, `${REPORT_BUILT}.part`), join(dir, REPORT_BUILT));
  };
  const built = (async () => {
    try {
      const cache = await openBuildCache(process.cwd(), { enabled: true, dir: join(dir, 'cache') });
      const { warnings } = await build({ root: process.cwd(), outDir: join(dir, 'dist'), cache });
      await end({ warnings: warnings.map((w) => ({ ruleId: w.ruleId, text: formatDiagnostic(w) })) });
    } catch (e) {
      await end({ error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  })();
  return { dir, built, users: 0 };
}
