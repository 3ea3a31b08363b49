import puppeteer, { type Browser } from 'puppeteer';
import { findBrowser } from './find-browser.js';

export { openOfflinePage } from './offline-page.js';

/** Flags that keep Chromium off the network and quiet; --no-sandbox only where it must be (root). */
const FLAGS = [
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--disable-gpu', '--disable-quic', '--no-default-browser-check',
  '--font-render-hinting=none',
];

export async function launchBrowser(signal?: AbortSignal): Promise<Browser> {
  const executablePath = await findBrowser();
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...FLAGS, ...(asRoot || process.env.CI ? ['--no-sandbox'] : [])],
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  signal?.addEventListener('abort', () => void browser.close(), { once: true });
  return browser;
}
