import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { fontFaces, type FontFace } from '../fonts/font-files.js';
import type { BrandSfnts } from '../fonts/brand-sfnt.js';

export interface EpubFont {
  readonly face: FontFace;
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * The brand faces as the ePub carries them: TrueType (`.ttf`), which Kindle (through its
 * converters) and Kobo use, where WOFF2 is unsupported or dropped, each subset to the
 * characters the book's text uses (in both cases: headings and labels are uppercased by CSS).
 * A face none of whose characters occur is left out. The math face fell from 270 KB to a
 * few kilobytes: the book uses two of its characters.
 */
export async function epubFonts(text: string, sfnts: BrandSfnts): Promise<EpubFont[]> {
  const used = new Set<number>();
  for (const ch of text + text.toUpperCase() + text.toLowerCase()) used.add(ch.codePointAt(0)!);
  const fonts: EpubFont[] = [];
  for (const face of fontFaces) {
    const sfnt = sfnts.get(face.file)!;
    const font = fontkit.create(sfnt) as { characterSet: number[] };
    const chars = font.characterSet.filter((c) => used.has(c) && c > 0x20);
    if (chars.length === 0) continue;
    // The space is kept in every subset: a face without one falls back mid-line.
    const bytes = await subsetFont(sfnt, String.fromCodePoint(0x20, ...chars), { targetFormat: 'truetype' });
    fonts.push({ face, file: face.file.replace(/\.woff2$/, '.ttf'), bytes: new Uint8Array(bytes) });
  }
  return fonts;
}

/** @font-face rules for the ePub's subset faces, pointing at `${dir}/<file>`. */
export function epubFontFaceCss(fonts: readonly EpubFont[], dir: string): string {
  return fonts.map(({ face, file }) =>
    `@font-face { font-family: "${face.family}"; font-style: ${face.style}; font-weight: ${face.weight}; src: url("${dir}/${file}") format("truetype"); unicode-range: ${face.unicodeRange}; }`).join('\n') + '\n';
}
