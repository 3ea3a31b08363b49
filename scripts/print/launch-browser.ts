import puppeteer, { type Browser } from 'puppeteer';
import { findBrowser } from './find-browser.js';

export { openOfflinePage } from './offline-page.js';

/** Flags that keep Chromium off the network and quiet; --no-sandbox only where it must be (root). */
const FLAGS = [
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--disable-gpu', '--disable-quic', '--no-default-browser-check',
  '--font-render-hinting=none',
];

/**
 * Starts Chromium for this build. puppeteer starts it in a process group of its own (so a
 * terminal's Ctrl-C does not reach it): on `signal`, even while it is still starting, puppeteer
 * kills that whole group at once (SIGKILL) instead of closing it politely, which can take
 * seconds; and it kills it too when this process exits, however it exits.
 */
export async function launchBrowser(signal?: AbortSignal): Promise<Browser> {
  const executablePath = await findBrowser();
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...FLAGS, ...(asRoot || process.env.CI ? ['--no-sandbox'] : [])],
    // The CLI decides what a signal does (stop the build, clean up, then exit).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    signal,
  });
  return browser;
}
