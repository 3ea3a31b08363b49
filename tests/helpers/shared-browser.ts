import type { Browser } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../scripts/render/launch-browser.js';

/** One Chromium for the tests of the calling `describe`: started before them, closed after. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the shared browser is used before it started');
    return browser;
  };
}
