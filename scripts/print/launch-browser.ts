import puppeteer, { type Browser, type Page } from 'puppeteer';
import { pathToFileURL } from 'node:url';
import { findBrowser } from './find-browser.js';

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

/**
 * Opens a page that may load only files under `allowedDir` (and data: URLs). Anything else
 * is aborted and recorded, so the build can report it instead of silently reaching out.
 */
export async function openOfflinePage(browser: Browser, allowedDir: string): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.newPage();
  const prefix = pathToFileURL(allowedDir).href.replace(/\/?$/, '/');
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(prefix) || url.startsWith('data:') || url === 'about:blank') void req.continue();
    else {
      blocked.push(url);
      void req.abort('blockedbyclient');
    }
  });
  return { page, blocked };
}
