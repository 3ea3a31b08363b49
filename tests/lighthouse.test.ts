import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import { calibratedCpuSlowdown, LIGHTHOUSE_CATEGORIES, runLighthouse, type LighthouseScores } from './helpers/lighthouse.js';
import { hasValidator } from './helpers/validators.js';
import { serveStatic } from './helpers/web-site.js';

const web = join(inject('reportDist'), 'web');

/**
 * Lighthouse's performance score rests on main-thread time, so it runs in the `quiet` project
 * (vitest.config.ts), after every other test file and alone, and each page is measured three
 * times and its median kept, as Lighthouse's documentation advises for variable machines.
 */
const RUNS = 3;

describe.skipIf(!hasValidator('chromium'))('the web edition in Lighthouse', () => {
  const browser = sharedBrowser();

  // Issue 15's target: 0.95 in all four categories. Performance reached it when the web fonts
  // were cut to the characters the site uses (write-web.ts): a throttled phone waits for them before
  // it paints the text, and the essay's first screen went from ~300 KB of fonts to ~150 KB.
  const TARGET = 0.95;
  it('scores ≥ 0.95 in all four Lighthouse categories on three pages served from dist/web (median of three runs)', async () => {
    const server = await serveStatic(web);
    const report: string[] = [];
    const low: string[] = [];
    try {
      // The first run measures the machine (benchmark index); the CPU slowdown is scaled to it (lighthouse.ts).
      const slowdown = calibratedCpuSlowdown((await runLighthouse(browser(), server.url)).benchmarkIndex);
      for (const path of ['', 'part-1/asynchronous-python/', 'part-2/python-now/']) {
        const runs: Array<Awaited<ReturnType<typeof runLighthouse>>> = [];
        for (let i = 0; i < RUNS; i++) runs.push(await runLighthouse(browser(), `${server.url}${path}`, slowdown));
        const median = Object.fromEntries(LIGHTHOUSE_CATEGORIES.map((c) => [c, runs.map((r) => r.scores[c]).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!])) as LighthouseScores;
        report.push(`/${path.padEnd(30)} ${LIGHTHOUSE_CATEGORIES.map((c) => `${c} ${median[c].toFixed(2)} (${runs.map((r) => r.scores[c].toFixed(2)).join(' ')})`).join('  ')}  (benchmark ${Math.round(runs[0]!.benchmarkIndex)}, CPU ×${slowdown})`);
        for (const c of LIGHTHOUSE_CATEGORIES) {
          if (median[c] < TARGET) low.push(`/${path} ${c} ${median[c]}: ${runs.find((r) => r.scores[c] === median[c])!.failing.join('; ')}`);
        }
      }
    } finally {
      await server.close();
    }
    console.info(report.join('\n'));
    expect(low).toEqual([]);
  }, 1_200_000);
});
