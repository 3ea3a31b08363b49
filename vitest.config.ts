import { defineConfig } from 'vitest/config';

/** Load-sensitive measurements (Lighthouse's main-thread time): run last, alone. */
const QUIET = ['tests/lighthouse.test.ts'];

/**
 * Three projects; `npm test` runs them all. `unit` is fast and needs no browser and no build of the
 * whole report (`npx vitest run --project unit`). `e2e` builds the report once, into a
 * temporary folder with its own cache (tests/setup/build-report.ts), and reads its outputs
 * with the real Chromium, EPUBCheck, Ace, poppler and qpdf.
 */
const UNIT = [
  'tests/architecture.test.ts',
  'tests/brand-tokens.test.ts',
  'tests/markdown-fixtures.test.ts',
  'tests/charts.test.ts',
  'tests/survey-data.test.ts',
  'tests/unit/**/*.test.ts',
];

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
          exclude: [...UNIT, ...QUIET],
          globalSetup: ['tests/setup/build-report.ts'],
          // After the unit project.
          sequence: { groupOrder: 1 },
          // Browser-heavy suites share two cores: run files one or two at a time.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'quiet',
          include: QUIET,
          // The same build as e2e's (build-report.ts makes it once per run).
          globalSetup: ['tests/setup/build-report.ts'],
          sequence: { groupOrder: 2 },
          maxWorkers: 1,
        },
      },
    ],
  },
});
