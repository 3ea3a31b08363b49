import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { embeddedUnavailable, unpackEmbeddedBrowser } from './embedded-browser.js';
import { BrowserNotFoundError } from './browser-errors.js';

export { BrowserNotFoundError };

/** Where a Chrome or Chromium may live on Linux, macOS and Windows, in order of preference. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/usr/lib/chromium/chromium', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export type BrowserSource = 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer cache' | 'embedded';

export interface FoundBrowser {
  readonly source: BrowserSource;
  readonly executablePath: string;
  /** Libraries the browser brings along (the embedded one's NSS), put first on LD_LIBRARY_PATH. */
  readonly libraryPath?: string;
}

/** Which browsers `PTR_BROWSER` lets the search consider. */
const CHOICES = ['auto', 'system', 'embedded'] as const;
type Choice = typeof CHOICES[number];

/**
 * PUPPETEER_EXECUTABLE_PATH first, then a system Chrome/Chromium, then puppeteer's own cache,
 * then the Chromium embedded in the `@sparticuz/chromium` package (Linux x64). Never downloads.
 * `PTR_BROWSER=system` never uses the embedded one, `PTR_BROWSER=embedded` only it (the same
 * Chromium on every machine); `PTR_SYSTEM_BROWSERS` (a PATH-like list) replaces the places a
 * system browser is looked for, PATH included, for a browser kept somewhere unusual.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<FoundBrowser> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (await isExecutableFile(fromEnv)) return { source: 'PUPPETEER_EXECUTABLE_PATH', executablePath: fromEnv };
    throw new BrowserNotFoundError([`PUPPETEER_EXECUTABLE_PATH is ${fromEnv}, which is not an executable file`]);
  }
  const choice = (env.PTR_BROWSER || 'auto') as Choice;
  if (!CHOICES.includes(choice)) throw new BrowserNotFoundError([`PTR_BROWSER is "${choice}"; it takes ${CHOICES.join(', ')}`]);
  const reasons: string[] = [];
  if (choice !== 'embedded') {
    const system = await firstExecutable(systemCandidates(env));
    if (system) return { source: 'system', executablePath: system };
    const cached = await puppeteerCache();
    if (cached) return { source: 'puppeteer cache', executablePath: cached };
    reasons.push('no system Chrome/Chromium, none in puppeteer\'s cache');
  }
  if (choice !== 'system') {
    const unavailable = embeddedUnavailable();
    if (!unavailable) return { source: 'embedded', ...await unpackEmbeddedBrowser(signal) };
    reasons.push(unavailable);
  } else {
    reasons.push('PTR_BROWSER=system: the embedded Chromium is not used');
  }
  throw new BrowserNotFoundError(reasons);
}

function systemCandidates(env: NodeJS.ProcessEnv): string[] {
  const list = env.PTR_SYSTEM_BROWSERS;
  if (list !== undefined) return list.split(delimiter).filter(Boolean);
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => ON_PATH.map((name) => join(dir, name)));
  return [...SYSTEM_BROWSERS, ...onPath];
}

async function firstExecutable(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if (await isExecutableFile(path)) return path;
  return undefined;
}

/** A regular file (symlinks followed) that may be run: a placeholder, a folder or /dev/null is no browser. */
async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function puppeteerCache(): Promise<string | undefined> {
  try {
    const puppeteer = await import('puppeteer');
    const cached = puppeteer.default.executablePath();
    return cached && (await isExecutableFile(cached)) ? cached : undefined;
  } catch {
    return undefined; // no browser in the cache
  }
}
