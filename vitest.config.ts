import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The files that read the report's build (`inject('reportDist')` or its warnings). */
const ACCEPTANCE = readdirSync('tests')
  .filter((name) => name.endsWith('.test.ts') && /\breport(Dist|Warnings)\b/.test(readFileSync(join('tests', name), 'utf8')))
  .map((name) => `tests/${name}`);

/**
 * Files run at once in the e2e + acceptance group (one limit for the group: Vitest requires the
 * projects that share a `groupOrder` to share it). Vitest's default is one less than the cores,
 * one file at a time on a 2-core machine, while most of a file's time is spent waiting on
 * Chromium, EPUBCheck's JVM or a CLI child: two files keep both cores busy. No test asserts a
 * duration or the load, so running beside another file changes only how long the suite takes.
 * `PTR_TEST_WORKERS=1` runs one file at a time (to read a failing file's output alone).
 * Each file has its own process (`isolate`, the default): sharing a worker's modules saved 16 s,
 * but esbuild's service, started by one file while its working folder was a fixture book, failed
 * to resolve anything once that folder was deleted, in the next file of that worker.
 */
const GROUP_WORKERS = Number(process.env.PTR_TEST_WORKERS) || Math.max(2, availableParallelism());

const UNIT = [
  'tests/architecture.test.ts',
  'tests/brand-tokens.test.ts',
  'tests/markdown-fixtures.test.ts',
  'tests/charts.test.ts',
  'tests/survey-data.test.ts',
  'tests/unit/**/*.test.ts',
];

/**
 * Three projects; `npm test` runs them all. `unit` is fast and needs no browser and no build
 * (`npx vitest run --project unit`). `e2e` builds small fixture books and runs the command line
 * on them. `acceptance` builds the report once, into a temporary folder with its own cache
 * (tests/setup/build-report.ts; it prints while the unit project runs), and reads what only the report shows with the real Chromium,
 * EPUBCheck, Ace, poppler and qpdf. Nothing that depends on the machine's load is asserted
 * (Lighthouse's performance, layout shift: `npm run bench`), so nothing needs to run alone.
 */
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        // Threads sharing their modules: the unit files all load the same pipeline (Vega, unified),
        // once per worker rather than once per file (~20 % less CPU); they keep no global state.
        test: { name: 'unit', include: UNIT, testTimeout: 30_000, sequence: { groupOrder: 0 }, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/**/*.test.ts'],
          exclude: [...UNIT, ...ACCEPTANCE],
          // After the unit project, beside acceptance: the two share the two cores.
          sequence: { groupOrder: 1 },
          fileParallelism: true,
          maxWorkers: GROUP_WORKERS,
        },
      },
      {
        extends: true,
        test: {
          name: 'acceptance',
          include: ACCEPTANCE,
          globalSetup: ['tests/setup/build-report.ts'],
          setupFiles: ['tests/setup/wait-for-report.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: true,
          maxWorkers: GROUP_WORKERS,
        },
      },
    ],
  },
});
