import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.js';
import { openBuildCache } from '../../scripts/cache/build-cache.js';
import { formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding one real build of the whole report, shared by the output tests. */
    reportDist: string;
    /** The warnings that build reported, formatted as the command line prints them. */
    reportWarnings: Array<{ ruleId?: string; text: string }>;
  }
}

interface SharedBuild {
  readonly built: Promise<{ dir: string; warnings: Array<{ ruleId?: string; text: string }> }>;
  users: number;
}

/** The build, shared by the projects that read it (e2e, quiet) through the process's global object. */
const shared = globalThis as typeof globalThis & { ptrReportBuild?: SharedBuild };

/**
 * Builds the real report once for the end-to-end projects, into a temporary folder with its own
 * cache: the repository's `dist/` and `.cache/` are neither read nor written. Each project that
 * names this setup gets the same build; the last one to finish removes it.
 */
export default async function setup(project: TestProject) {
  shared.ptrReportBuild ??= { built: buildReport(), users: 0 };
  const state = shared.ptrReportBuild;
  state.users += 1;
  const { dir, warnings } = await state.built;
  project.provide('reportDist', join(dir, 'dist'));
  project.provide('reportWarnings', warnings);
  return async () => {
    state.users -= 1;
    if (state.users === 0) {
      shared.ptrReportBuild = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function buildReport(): Promise<{ dir: string; warnings: Array<{ ruleId?: string; text: string }> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ptr-test-dist-'));
  const cache = await openBuildCache(process.cwd(), { enabled: true, dir: join(dir, 'cache') });
  const { warnings } = await build({ root: process.cwd(), outDir: join(dir, 'dist'), cache });
  return { dir, warnings: warnings.map((w) => ({ ruleId: w.ruleId, text: formatDiagnostic(w) })) };
}
