import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Where a Chrome or Chromium may live on Linux, macOS and Windows, in order of preference. */
const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export class BrowserNotFoundError extends Error {
  constructor() {
    super([
      'No Chrome or Chromium was found to print the PDF.',
      '  - Debian/Ubuntu: apt-get install chromium',
      '  - or: npx puppeteer browsers install chrome',
      '  - or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.',
    ].join('\n'));
    this.name = 'BrowserNotFoundError';
  }
}

/**
 * PUPPETEER_EXECUTABLE_PATH first, then a system Chrome/Chromium, then puppeteer's own cache.
 * Never downloads anything.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`PUPPETEER_EXECUTABLE_PATH points at ${fromEnv}, which does not exist`);
  }
  const system = CANDIDATES.find((p) => existsSync(p)) ?? onPath(['chromium', 'chromium-browser', 'google-chrome']);
  if (system) return system;
  try {
    const puppeteer = await import('puppeteer');
    const cached = puppeteer.default.executablePath();
    if (cached && existsSync(cached)) return cached;
  } catch {
    // no cached browser
  }
  throw new BrowserNotFoundError();
}

function onPath(names: string[]): string | undefined {
  for (const name of names) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}
