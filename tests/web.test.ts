import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { launchBrowser } from '../scripts/render/launch-browser.js';

const web = join(inject('reportDist'), 'web');

describe.skipIf(!hasValidator('chromium'))('the web edition in Chromium', () => {
  it('opens from disk with no console errors and no failed requests, fonts loaded, every chart on "read all"', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) problems.push(`network: ${r.url()}`);
      });
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(pathToFileURL(join(web, 'index.html')).href, { waitUntil: 'load' });
      const landing = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
          scripts: document.querySelectorAll('script[src]').length,
          contents: document.querySelectorAll('nav.toc a').length,
        };
      });
      expect(landing.fonts).toEqual(expect.arrayContaining(['Inter', 'Source Serif 4']));
      // The landing page needs no script; "read all" runs the one chart script.
      expect(landing.scripts).toBe(0);
      expect(landing.contents).toBeGreaterThan(70);
      await page.goto(pathToFileURL(join(web, 'all', 'index.html')).href, { waitUntil: 'load' });
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          scripts: document.querySelectorAll('script[src]').length,
          charts: document.querySelectorAll('figure.chart svg:not(.chart-narrow)').length,
        };
      });
      expect(problems).toEqual([]);
      expect(state.fonts).toEqual(expect.arrayContaining(['Inter', 'Source Serif 4']));
      expect(state.scripts).toBe(1);
      expect(state.charts).toBe(28);
      expect(state.overflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
    }
  });
});
