import type { Browser } from 'puppeteer';
import type { BuildCache } from '../cache/build-cache.js';
import { rasterizeCached } from '../cache/cached-rasters.js';

/**
 * The sharing images as PNG, from their SVG cards (og-card.ts), by site path: from the cache
 * when a card is unchanged, otherwise drawn by Chromium, as the ePub's chart images are.
 */
export async function renderOgImages(
  root: string, cards: ReadonlyArray<{ path: string; svg: string }>, cache: BuildCache, browser: () => Promise<Browser>, signal?: AbortSignal,
): Promise<Map<string, Uint8Array>> {
  const images = await rasterizeCached(root, cards.map((c) => ({ id: c.path, svg: c.svg })), cache, browser, 'og-images', signal);
  return new Map([...images].map(([path, image]) => [path, image.png]));
}
