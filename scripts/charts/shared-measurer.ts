import type { TextMeasurer } from './text-metrics.js';
import type { BuildCache } from '../cache/build-cache.js';
import type { BrandFaces } from '../fonts/font-files.js';

/**
 * One measurer of the brand sans for a build (or a dev session): the charts and the sharing
 * images both wrap text with it, and decoding the font files is its main cost (done once, see
 * brand-sfnt.ts). Loaded only when something must be measured.
 */
export function sharedTextMeasurer(cache: BuildCache, fonts: BrandFaces): Promise<TextMeasurer> {
  return cache.memo(`text-measurer-${fonts.key}`, async () => {
    const [{ createTextMeasurer }, { brandSfnts }] = await Promise.all([import('./text-metrics.js'), import('../fonts/brand-sfnt.js')]);
    return createTextMeasurer(await brandSfnts(cache, fonts));
  });
}
