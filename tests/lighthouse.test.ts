import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import { LOAD_FREE_CATEGORIES, runLighthouse } from '../scripts/bench/lighthouse.js';
import { hasValidator } from './helpers/validators.js';
import { serveStatic } from './helpers/web-site.js';

const web = join(inject('reportDist'), 'web');

/**
 * Lighthouse's accessibility, best practices and SEO: audits of the pages as served, which do not
 * depend on the machine's speed or load. Its performance score (main-thread time) and the pages'
 * layout shift are measured by `npm run bench` (scripts/bench/web-vitals.ts) with their targets,
 * not asserted here.
 */
describe.skipIf(!hasValidator('chromium'))('the web edition in Lighthouse', () => {
  const browser = sharedBrowser();

  // Issue 15's target: 0.95 in each category.
  const TARGET = 0.95;
  it('scores ≥ 0.95 in accessibility, best practices and SEO on three pages served from dist/web', async () => {
    const server = await serveStatic(web);
    const report: string[] = [];
    const low: string[] = [];
    try {
      for (const path of ['', 'part-1/asynchronous-python/', 'part-2/python-now/']) {
        const run = await runLighthouse(browser(), `${server.url}${path}`, 1, LOAD_FREE_CATEGORIES);
        report.push(`/${path.padEnd(30)} ${LOAD_FREE_CATEGORIES.map((c) => `${c} ${run.scores[c]!.toFixed(2)}`).join('  ')}`);
        for (const c of LOAD_FREE_CATEGORIES) if (run.scores[c]! < TARGET) low.push(`/${path} ${c} ${run.scores[c]}: ${run.failing.join('; ')}`);
      }
    } finally {
      await server.close();
    }
    console.info(report.join('\n'));
    expect(low).toEqual([]);
  }, 600_000);
});
