import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { launchBrowser, openOfflinePage } from '../render/launch-browser.js';

/** The pages a reviewer looks at: the landing page, a long chapter, a chart with its tooltip. */
export const SCREENSHOTS = [
  { name: 'landing', path: 'index.html' },
  { name: 'chapter', path: 'part-1/asynchronous-python/index.html' },
  { name: 'chart', path: 'part-2/python-now/index.html', chart: true },
] as const;

export const SCREENSHOT_WIDTHS = [390, 1280] as const;

/**
 * Writes `<dist>/screenshots/<name>-<width>.png` (and `-dark` for the dark theme at 1280 px)
 * from the built web edition in `<dist>/web`. The chart shot has the first chart focused by
 * keyboard and its second bar's tooltip open. Returns the files written.
 */
export async function takeScreenshots(dist: string, browser?: Browser): Promise<string[]> {
  const own = browser ?? await launchBrowser();
  const out = join(dist, 'screenshots');
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  try {
    for (const shot of SCREENSHOTS) {
      for (const [width, dark] of [...SCREENSHOT_WIDTHS.map((w) => [w, false] as const), [1280, true] as const]) {
        const { page, blocked } = await openOfflinePage(own, dist);
        try {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
          await page.setViewport({ width, height: width < 600 ? 844 : 900 });
          await page.goto(pathToFileURL(join(dist, 'web', shot.path)).href, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          if ('chart' in shot) {
            await page.evaluate(() => document.querySelector('figure.chart')!.scrollIntoView({ block: 'center' }));
            await page.focus('figure.chart .chart-graphic');
            await page.keyboard.press('ArrowDown');
          }
          const file = join(out, `${shot.name}-${width}${dark ? '-dark' : ''}.png`);
          await page.screenshot({ path: file as `${string}.png`, fullPage: shot.name === 'landing' && width > 1000 && !dark });
          if (blocked.length > 0) throw new Error(`${shot.path} tried to load files outside the build: ${blocked.join(', ')}`);
          written.push(file);
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    if (!browser) await own.close();
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = resolve(process.argv[2] ?? 'dist');
  takeScreenshots(dist).then(
    (files) => process.stdout.write(`${files.map((f) => `wrote ${f}`).join('\n')}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
