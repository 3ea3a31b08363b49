import type { Browser } from 'puppeteer';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseScores = Record<(typeof LIGHTHOUSE_CATEGORIES)[number], number>;

/**
 * Runs the real Lighthouse (its default mobile configuration: a phone's viewport, simulated
 * slow 4G and a 4× slower CPU) against a URL in the given Chromium, through its debugging
 * port. Returns the four category scores (0–1) and the audits that lost points, for messages.
 */
export async function runLighthouse(browser: Browser, url: string): Promise<{ scores: LighthouseScores; failing: string[] }> {
  const { default: lighthouse } = await import('lighthouse');
  const port = Number(new URL(browser.wsEndpoint()).port);
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...LIGHTHOUSE_CATEGORIES] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(LIGHTHOUSE_CATEGORIES.map((c) => [c, categories[c]?.score ?? 0])) as LighthouseScores;
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'))
    .map((a) => `${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return { scores, failing };
}
