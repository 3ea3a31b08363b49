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

/**
 * Builds the real report once for the end-to-end project, into a temporary folder with its own
 * cache: the repository's `dist/` and `.cache/` are neither read nor written.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'ptr-test-dist-'));
  const cache = await openBuildCache(process.cwd(), { enabled: true, dir: join(dir, 'cache') });
  const { warnings } = await build({ root: process.cwd(), outDir: join(dir, 'dist'), cache });
  project.provide('reportDist', join(dir, 'dist'));
  project.provide('reportWarnings', warnings.map((w) => ({ ruleId: w.ruleId, text: formatDiagnostic(w) })));
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
