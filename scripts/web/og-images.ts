import type { BuildCache } from '../cache/build-cache.js';
import type { BrandFaces } from '../fonts/font-files.js';
import { rasterizeCached, type Rasterizable } from '../render/cached-rasters.js';

/**
 * The sharing images as PNG, from their SVG cards (og-card.ts), by site path: from the cache
 * when a card is unchanged, otherwise drawn by resvg, as the ePub's chart images are.
 */
export async function renderOgImages(
  cards: readonly Rasterizable[], cache: BuildCache, fonts: BrandFaces, signal?: AbortSignal,
): Promise<Map<string, Uint8Array>> {
  const images = await rasterizeCached(cards, cache, 'og-images', fonts, signal);
  return new Map([...images].map(([path, image]) => [path, image.png]));
}
