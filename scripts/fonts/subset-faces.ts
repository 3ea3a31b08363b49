import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { contentHash } from '../cache/content-hash.js';
import { keepInToolCache, readFromToolCache, toolCachePath } from '../cache/tool-cache.js';
import type { BrandSfnts } from './brand-sfnt.js';
import { fontFaces, type FontFace } from './font-files.js';

export interface SubsetFace {
  readonly face: FontFace;
  /** The face's file name with the format's extension (`.ttf` or `.woff2`). */
  readonly file: string;
  readonly bytes: Uint8Array;
}

export type SubsetFormat = 'truetype' | 'woff2';

/**
 * The brand faces cut down to the characters a text uses (in every case: headings and labels
 * are uppercased by CSS), for the editions that ship their fonts (ePub, web). A face none of
 * whose characters occur is left out. Subsetting with harfbuzz takes up to a second a face, so
 * each subset is kept in the tool cache under the hash of the font, the format and the characters.
 *
 * The faces are cut one at a time, from the build's decoded faces (brand-sfnt.ts): writing WOFF2
 * goes through wawoff2, whose result is a view of its own memory that another call in flight
 * would overwrite.
 */
export async function subsetFaces(text: string, format: SubsetFormat, sfnts: BrandSfnts): Promise<SubsetFace[]> {
  const used = new Set<number>();
  for (const ch of text + text.toUpperCase() + text.toLowerCase()) used.add(ch.codePointAt(0)!);
  const extension = format === 'truetype' ? '.ttf' : '.woff2';
  const subsets: SubsetFace[] = [];
  for (const face of fontFaces) {
    const sfnt = sfnts.get(face.file)!;
    const font = fontkit.create(sfnt) as { characterSet: number[] };
    const chars = font.characterSet.filter((c) => used.has(c) && c > 0x20).sort((a, b) => a - b);
    if (chars.length === 0) continue;
    // The space is kept in every subset: a face without one falls back mid-line.
    const wanted = String.fromCodePoint(0x20, ...chars);
    const cached = toolCachePath(`font-subsets/${contentHash(sfnt, format, wanted)}${extension}`);
    let bytes = await readFromToolCache(cached);
    if (!bytes) {
      bytes = new Uint8Array(await subsetFont(sfnt, wanted, { targetFormat: format }));
      await keepInToolCache(cached, bytes);
    }
    subsets.push({ face, file: face.file.replace(/\.woff2$/, extension), bytes });
  }
  return subsets;
}

/** @font-face rules for subset faces, pointing at `${dir}/<file>`. */
export function subsetFontFaceCss(fonts: readonly SubsetFace[], dir: string, display?: 'block'): string {
  return fonts.map(({ face, file }) => {
    const format = file.endsWith('.ttf') ? 'truetype' : 'woff2';
    return `@font-face { font-family: "${face.family}"; font-style: ${face.style}; font-weight: ${face.weight};${display ? ` font-display: ${display};` : ''} src: url("${dir}/${file}") format("${format}"); unicode-range: ${face.unicodeRange}; }`;
  }).join('\n') + '\n';
}
