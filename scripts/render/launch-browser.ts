import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';
import { delimiter } from 'node:path';
import { findBrowser, type FoundBrowser } from './find-browser.js';
import { BrowserLaunchError } from './browser-errors.js';
import type { CleanupRegistry } from '../cleanup/cleanup-registry.js';
import { untilAborted } from '../cleanup/until-aborted.js';

export { openOfflinePage } from './offline-page.js';

/**
 * Flags that keep Chromium off the network and quiet. Of @sparticuz/chromium's recommended flags
 * only the network ones are taken (no pings, no domain-reliability reports): the others are for
 * AWS Lambda (--single-process, --no-zygote, SwiftShader WebGL) or lower the page's security
 * (--disable-web-security), and the PDF (fonts, tags, bookmarks) needs none of them.
 */
const FLAGS = [
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--disable-gpu', '--disable-quic', '--no-default-browser-check',
  '--disable-domain-reliability', '--no-pings', '--font-render-hinting=none',
];

/** Which browser a build used, for `--verbose`. */
export interface UsedBrowser extends FoundBrowser {
  readonly version: string;
  readonly sandbox: boolean;
}

/**
 * Starts the browser `findBrowser` picks. Chromium's sandbox is kept where it can work: as root
 * (and in CI containers) it cannot, and where the kernel refuses a non-root user the namespaces it
 * needs ("No usable sandbox", e.g. Ubuntu 24.04 for a Chromium outside /opt or /usr) it is
 * started again without. That is safe here because the browser only ever opens the build's own
 * sanitized pages, offline (see offline-page.ts), never content from the web. Its process group
 * and temporary profile are held by `cleanup` until it exits.
 */
export async function launchBrowser(signal?: AbortSignal, onLaunched?: (used: UsedBrowser) => void, cleanup?: CleanupRegistry): Promise<Browser> {
  const found = await findBrowser(process.env, signal);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let sandbox = !(asRoot || process.env.CI);
  let browser: Browser;
  const launching = puppeteer.launch(launchOptions(found, sandbox, signal)).catch((e: unknown) => {
    if (!sandbox || !String(e).includes('No usable sandbox')) throw e;
    sandbox = false;
    return puppeteer.launch(launchOptions(found, sandbox, signal));
  });
  try {
    // puppeteer kills the browser on `signal`, but a launch stopped while Chromium attaches its
    // first targets never settles (its TargetManager waits for targets that will not come): the
    // stop does not wait for it. One that settles after all is closed.
    const closeLate = () => void launching.then((b) => b.close(), () => undefined);
    signal?.addEventListener('abort', closeLate, { once: true });
    browser = await (signal ? untilAborted(launching, signal) : launching).finally(() => signal?.removeEventListener('abort', closeLate));
  } catch (e) {
    signal?.throwIfAborted();
    throw new BrowserLaunchError(found, e);
  }
  if (cleanup) holdBrowser(browser, cleanup);
  onLaunched?.({ ...found, version: await browser.version(), sandbox });
  return browser;
}

/** Holds the browser's process group and profile (puppeteer's temporary one) until the process exits. */
function holdBrowser(browser: Browser, cleanup: CleanupRegistry): void {
  const child = browser.process();
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const profile = child.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  const letGo = cleanup.hold({ what: 'browser', pid: child.pid, profile });
  // Closed or ended: puppeteer removes its temporary profile on close; nothing is left to release.
  child.once('exit', letGo);
}

/**
 * puppeteer starts Chromium in a process group of its own (so a terminal's Ctrl-C does not reach
 * it): on `signal`, even while it is still starting, puppeteer kills that whole group at once
 * (SIGKILL) instead of closing it politely, which can take seconds; and it kills it too when this
 * process exits, however it exits.
 */
function launchOptions(found: FoundBrowser, sandbox: boolean, signal?: AbortSignal): LaunchOptions {
  const libraries = found.libraryPath ? [found.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter) : undefined;
  return {
    executablePath: found.executablePath,
    // The embedded Chromium is chrome-headless-shell: it has only the old headless mode.
    headless: found.source === 'embedded' ? 'shell' : true,
    args: [...FLAGS, ...(sandbox ? [] : ['--no-sandbox'])],
    env: libraries ? { ...process.env, LD_LIBRARY_PATH: libraries } : undefined,
    // The CLI decides what a signal does (stop the build, clean up, then exit).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    signal,
  };
}
