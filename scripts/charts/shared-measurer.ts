import type { TextMeasurer } from './text-metrics.js';
import type { BuildCache } from '../cache/build-cache.js';

/**
 * One measurer of the brand sans for a build (or a dev session): the charts and the sharing
 * images both wrap text with it, and decoding the font files is its main cost. Loaded with
 * fontkit only when something must be measured.
 */
export function sharedTextMeasurer(cache: BuildCache): Promise<TextMeasurer> {
  return cache.memo('text-measurer', async () => (await import('./text-metrics.js')).createTextMeasurer());
}
