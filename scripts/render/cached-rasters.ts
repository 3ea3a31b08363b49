import { CHART_SCALE, type RasterImage } from './raster-image.js';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import type { BrandFaces } from '../fonts/font-files.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A graphic to draw: `source` is all it is made from (its SVG, or what the SVG is made from). */
export interface Rasterizable {
  readonly id: string;
  readonly source: string;
  /** The SVG, asked for only when the cache lacks the image. */
  readonly svg: () => string | Promise<string>;
}

/**
 * SVG graphics drawn as PNG (rasterize-svg.ts: resvg, at CHART_SCALE), each kept in the cache
 * under the hash of its source and the brand's faces (its text is drawn with them). Only graphics
 * the cache lacks are drawn: a warm build draws nothing.
 */
export async function rasterizeCached(
  graphics: readonly Rasterizable[], cache: BuildCache, kind: string, fonts: BrandFaces, signal?: AbortSignal,
): Promise<Map<string, RasterImage>> {
  const images = new Map<string, RasterImage>();
  const missing: Array<{ id: string; svg: () => string | Promise<string>; key: string }> = [];
  for (const graphic of graphics) {
    const key = contentHash(cache.pipeline, kind, fonts.key, graphic.source);
    const png = await cache.store.read(kind, key);
    const image = png ? fromPng(png) : undefined;
    if (image) images.set(graphic.id, image);
    else missing.push({ ...graphic, key });
  }
  if (missing.length === 0) return images;
  // Loaded only to draw: the font decoders take a warm build a quarter of a second to load.
  const [{ rasterizeSvgs }, { brandSfnts }] = await Promise.all([import('./rasterize-svg.js'), import('../fonts/brand-sfnt.js')]);
  const svgs = await Promise.all(missing.map(async (g) => ({ id: g.id, svg: await g.svg() })));
  const drawn = await rasterizeSvgs(svgs, await brandSfnts(cache, fonts), signal);
  for (const graphic of missing) {
    const image = drawn.get(graphic.id)!;
    images.set(graphic.id, image);
    await cache.store.write(kind, graphic.key, Buffer.from(image.png));
  }
  return images;
}

/**
 * A cached PNG with its size in CSS pixels, read from its IHDR chunk; undefined unless it is a
 * whole PNG (signature, IHDR first, IEND last), so a cut file is drawn again, never shipped.
 */
function fromPng(png: Buffer): RasterImage | undefined {
  if (png.length < 45 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.readUInt32BE(12) !== 0x49484452) return undefined;
  if (png.readUInt32BE(png.length - 8) !== 0x49454e44) return undefined;
  return { png, width: png.readUInt32BE(16) / CHART_SCALE, height: png.readUInt32BE(20) / CHART_SCALE };
}
