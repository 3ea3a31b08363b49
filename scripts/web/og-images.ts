import type { Browser } from 'puppeteer';
import type { BuildCache } from '../cache/build-cache.js';
import { rasterizeCached, type Rasterizable } from '../render/cached-rasters.js';

/**
 * The sharing images as PNG, from their SVG cards (og-card.ts), by site path: from the cache
 * when a card is unchanged, otherwise drawn by Chromium, as the ePub's chart images are.
 */
export async function renderOgImages(
  root: string, cards: readonly Rasterizable[], cache: BuildCache, browser: () => Promise<Browser>, signal?: AbortSignal,
): Promise<Map<string, Uint8Array>> {
  const images = await rasterizeCached(root, cards, cache, browser, 'og-images', signal);
  return new Map([...images].map(([path, image]) => [path, image.png]));
}
