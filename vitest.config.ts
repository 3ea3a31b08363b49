import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/build-report.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Browser-heavy suites share two cores: run files one or two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
