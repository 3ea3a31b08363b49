import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding one real build of the whole report, shared by the output tests. */
    reportDist: string;
    reportBuildMs: number;
  }
}

/** Builds the real report once for every test file that reads its outputs. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'ptr-test-dist-'));
  const t = performance.now();
  await build({ root: process.cwd(), outDir: join(dir, 'dist') });
  project.provide('reportDist', join(dir, 'dist'));
  project.provide('reportBuildMs', Math.round(performance.now() - t));
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
