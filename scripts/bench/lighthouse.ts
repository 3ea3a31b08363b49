import type { Browser } from 'puppeteer';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];
export type LighthouseScores = Partial<Record<LighthouseCategory, number>>;
/** What does not depend on the machine's load: the tests assert these; performance is benched. */
export const LOAD_FREE_CATEGORIES = ['accessibility', 'best-practices', 'seo'] as const satisfies readonly LighthouseCategory[];

/**
 * Runs the real Lighthouse (its default mobile configuration: a phone's viewport, simulated
 * slow 4G and a 4× slower CPU) against a URL in the given Chromium, through its debugging
 * port. Returns the scores (0–1) of `categories` and the audits that lost points, for messages.
 */
export async function runLighthouse(
  browser: Browser, url: string, cpuSlowdownMultiplier = 4, categories: readonly LighthouseCategory[] = LIGHTHOUSE_CATEGORIES,
): Promise<{ scores: LighthouseScores; failing: string[]; benchmarkIndex: number; cpuSlowdownMultiplier: number }> {
  const { default: lighthouse } = await import('lighthouse');
  const port = Number(new URL(browser.wsEndpoint()).port);
  const result = await lighthouse(url, {
    port, output: 'json', logLevel: 'error', onlyCategories: [...categories],
    // The report's picture of the whole page: no score reads it, and on a long page it is the
    // run's largest single cost (a full-length capture and its encoding).
    disableFullPageScreenshot: true,
    throttling: { rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 },
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories: scored, audits, environment } = result.lhr;
  const scores = Object.fromEntries(categories.map((c) => [c, scored[c]?.score ?? 0])) as LighthouseScores;
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'))
    .map((a) => `${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return { scores, failing, benchmarkIndex: environment.benchmarkIndex, cpuSlowdownMultiplier };
}

/**
 * Lighthouse's 4× CPU slowdown stands for a mid-range phone when run on a fast desktop
 * (benchmarkIndex ~1300 and up); on a slower or busy machine (a shared CI runner: 150–300)
 * it would simulate a phone several times slower than any. Its documentation (docs/throttling.md,
 * "calibrating the CPU slowdown") says to scale the multiplier to the machine: here in
 * proportion to the measured benchmark index, never below 1 (no slowdown).
 */
export function calibratedCpuSlowdown(benchmarkIndex: number): number {
  return Math.min(4, Math.max(1, Math.round((4 * benchmarkIndex / 1300) * 10) / 10));
}
