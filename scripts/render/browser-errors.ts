/**
 * The browser's two failures the command line reports as one clear message, kept apart from
 * puppeteer so the CLI can recognise them without loading it.
 */
export class BrowserNotFoundError extends Error {
  constructor(reasons: readonly string[]) {
    super([
      'No Chrome or Chromium was found to print the PDF.',
      ...reasons.map((r) => `  (${r})`),
      '  - Debian/Ubuntu: apt-get install chromium',
      '  - or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary',
      '  - or, on Linux x64, use the embedded Chromium: npm ci, and PTR_BROWSER unset or "embedded".',
    ].join('\n'));
    this.name = 'BrowserNotFoundError';
  }
}

/** A browser was found but did not start: its path and what it said, without puppeteer's stack. */
export class BrowserLaunchError extends Error {
  constructor(what: { source: string; executablePath: string }, cause: unknown) {
    const said = (cause instanceof Error ? cause.message : String(cause)).split('\n').map((l) => l.trim())
      .filter((l) => l && !l.startsWith('TROUBLESHOOTING') && l !== 'stderr:').slice(0, 6);
    super([
      `Could not start the ${what.source} browser (${what.executablePath}):`,
      ...said.map((l) => `  ${l}`),
      '  Set PUPPETEER_EXECUTABLE_PATH to another Chrome/Chromium, or PTR_BROWSER=embedded (Linux x64) for the embedded one.',
    ].join('\n'), { cause });
    this.name = 'BrowserLaunchError';
  }
}
