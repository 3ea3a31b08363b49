import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { launchBrowser } from '../render/launch-browser.js';

/**
 * The engine's limit: Chromium alone launching, loading the build's final print HTML and
 * printing it once. A build cannot be much faster than this.
 */
export async function chromiumFloorMs(printDir: string): Promise<number> {
  const started = performance.now();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(printDir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.pdf({ format: 'A4', printBackground: true, outline: true, tagged: true, preferCSSPageSize: true, timeout: 300_000 });
    return performance.now() - started;
  } finally {
    await browser.close();
  }
}
