import type { Browser, Page } from 'puppeteer';
import { pathToFileURL } from 'node:url';
import { untilAborted } from '../cleanup/until-aborted.js';

/**
 * Opens a page that may load only files under `allowedDir` (and data: URLs). Anything else
 * is aborted and recorded, so the build can report it instead of silently reaching out.
 */
export async function openOfflinePage(browser: Browser, allowedDir: string): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.newPage();
  // Functions handed to page.evaluate are compiled by tsx/esbuild with keepNames, which wraps
  // inner named functions in a `__name(fn, "name")` helper that exists only in Node. The page
  // gets a stand-in, so page-side code may name its helpers (a missing one failed every PDF).
  await page.evaluateOnNewDocument('globalThis.__name = globalThis.__name || ((fn) => fn);');
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

/**
 * Closes a page the build opened. Once the build is stopped it does not wait: the stop kills the
 * browser, and a close whose answer is lost with it never settles (it would hold the build, and
 * a `finally` that closes would hide the stop's reason behind its own error).
 */
export async function closePage(page: Page, signal?: AbortSignal): Promise<void> {
  const closing = page.close();
  if (!signal) return closing;
  closing.catch(() => undefined);
  await untilAborted(closing, signal).catch((e: unknown) => {
    if (!signal.aborted) throw e;
  });
}
