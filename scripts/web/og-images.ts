import type { Browser } from 'puppeteer';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import { renderChartImages } from '../epub/render-chart-images.js';

const KIND = 'og-images';

/**
 * The sharing images as PNG, from their SVG cards: from the cache when a card is unchanged,
 * otherwise drawn by Chromium (the same canvas renderer as the ePub's chart images, at 2×).
 * The browser is asked for only when some card must be drawn, so a warm web-only build,
 * and the dev server's rebuilds, never start one.
 */
export async function renderOgImages(
  root: string, cards: ReadonlyArray<{ path: string; svg: string }>, cache: BuildCache, browser: () => Promise<Browser>, signal?: AbortSignal,
): Promise<Map<string, Uint8Array>> {
  const images = new Map<string, Uint8Array>();
  const missing: Array<{ path: string; svg: string; key: string }> = [];
  for (const card of cards) {
    const key = contentHash(cache.pipeline, KIND, card.svg);
    const png = await cache.store.read(KIND, key);
    if (png) images.set(card.path, png);
    else missing.push({ ...card, key });
  }
  if (missing.length === 0) return images;
  const drawn = await renderChartImages(root, await browser(), missing.map((c) => ({ id: c.path, svg: c.svg })), signal);
  for (const card of missing) {
    const png = drawn.get(card.path)!.png;
    images.set(card.path, png);
    await cache.store.write(KIND, card.key, Buffer.from(png));
  }
  return images;
}
