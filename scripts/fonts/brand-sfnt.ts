import { readFile } from 'node:fs/promises';
import fontverter from 'fontverter';
import type { BuildCache } from '../cache/build-cache.js';
import { fontFilePath, type BrandFaces } from './font-files.js';

/** Every brand face as sfnt (the WOFF2 file decoded: same outlines and metrics), by its file name; with the faces they are. */
export interface BrandSfnts extends ReadonlyMap<string, Buffer> {
  readonly fonts: BrandFaces;
}

/**
 * The brand faces decoded once for a build (or a dev session), for whatever reads a face's
 * glyphs: text measurement, the ePub's subsets, the rasterizer. wawoff2 (WebAssembly) decodes
 * all of them in ~0.2 s; fontkit, opening the WOFF2 files itself, spent seconds in its
 * JavaScript brotli. The decoding happens here only, one face at a time: wawoff2 returns a view
 * of its own memory that the next decoding overwrites, and fontverter copies it only after an
 * await, so two decodings in flight at once (the ePub and the web edition run side by side)
 * could hand back a corrupted font.
 */
export function brandSfnts(cache: BuildCache, fonts: BrandFaces): Promise<BrandSfnts> {
  // Keyed on the faces: a dev session whose tokens.css names other faces decodes those.
  return cache.memo(`brand-sfnt-${fonts.key}`, () => decodeBrandFaces(fonts));
}

export async function decodeBrandFaces(fonts: BrandFaces): Promise<BrandSfnts> {
  const faces = new Map<string, Buffer>();
  for (const face of fonts.faces) faces.set(face.file, Buffer.from(await fontverter.convert(await readFile(fontFilePath(face)), 'sfnt')));
  return Object.assign(faces, { fonts });
}
