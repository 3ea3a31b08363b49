import { readFile } from 'node:fs/promises';
import { contentHash } from '../cache/content-hash.js';
import { keepInToolCache, readFromToolCache, toolCachePath } from '../cache/tool-cache.js';
import type { BrandSfnts } from './brand-sfnt.js';
import { fontFilePath, type BrandFaces, type FontFace } from './font-files.js';

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
 * each subset is kept in the tool cache under the hash of the font file, the format and the
 * characters used (an empty file: the face has none of them); the faces are decoded only when
 * one must be cut.
 *
 * The faces are cut one at a time, from the build's decoded faces (brand-sfnt.ts): writing WOFF2
 * goes through wawoff2, whose result is a view of its own memory that another call in flight
 * would overwrite.
 */
export async function subsetFaces(text: string, format: SubsetFormat, fonts: BrandFaces, sfnts: () => Promise<BrandSfnts>): Promise<SubsetFace[]> {
  return subsetFacesFor(usedCharacters(text), format, fonts, sfnts);
}

/**
 * The characters a text uses in every case, once each in code point order. Texts joined by line
 * breaks use the union of their characters (a case mapping never looks across a line break), so
 * the web build keeps each page's characters with the page and joins them (charactersOf).
 */
export function usedCharacters(text: string): string {
  // Each distinct character mapped alone: case mappings do not depend on the neighbours, but for
  // the final sigma (Σ lowercases to ς at a word's end), and a text with Σ is mapped whole.
  const distinct = distinctCodePoints(text);
  const used = new Set<number>();
  if (distinct.includes(0x3a3)) {
    for (const ch of text + text.toUpperCase() + text.toLowerCase()) used.add(ch.codePointAt(0)!);
  } else {
    for (const cp of distinct) {
      const ch = String.fromCodePoint(cp);
      used.add(cp);
      for (const mapped of ch.toUpperCase() + ch.toLowerCase()) used.add(mapped.codePointAt(0)!);
    }
  }
  return String.fromCodePoint(...[...used].sort((a, b) => a - b));
}

/** The text's code points, once each (a lone surrogate stands for itself, as the string iterator gives it): pages are megabytes. */
function distinctCodePoints(text: string): number[] {
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        astral.add(((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000);
        i += 1;
        continue;
      }
    }
    bmp[unit] = 1;
  }
  const found: number[] = [];
  for (let cp = 0; cp < 0x10000; cp++) if (bmp[cp]) found.push(cp);
  return [...found, ...astral];
}

/** The union of several usedCharacters results, as usedCharacters gives it. */
export function charactersOf(sets: readonly string[]): string {
  const used = new Set<number>();
  for (const set of sets) for (const ch of set) used.add(ch.codePointAt(0)!);
  return String.fromCodePoint(...[...used].sort((a, b) => a - b));
}

/** subsetFaces for the characters usedCharacters (or charactersOf) gave. */
export async function subsetFacesFor(usedText: string, format: SubsetFormat, fonts: BrandFaces, sfnts: () => Promise<BrandSfnts>): Promise<SubsetFace[]> {
  const used = new Set<number>();
  for (const ch of usedText) used.add(ch.codePointAt(0)!);
  const extension = format === 'truetype' ? '.ttf' : '.woff2';
  const subsets: SubsetFace[] = [];
  for (const face of fonts.faces) {
    const cached = toolCachePath(`font-subsets/${contentHash(await readFile(fontFilePath(face)), format, usedText)}${extension}`);
    let bytes = await readFromToolCache(cached);
    if (!bytes) {
      bytes = await cutFace((await sfnts()).get(face.file)!, used, format);
      await keepInToolCache(cached, bytes);
    }
    if (bytes.length > 0) subsets.push({ face, file: face.file.replace(/\.woff2$/, extension), bytes });
  }
  return subsets;
}

/** One face cut to the used characters it has; empty when it has none. */
async function cutFace(sfnt: Buffer, used: ReadonlySet<number>, format: SubsetFormat): Promise<Uint8Array> {
  // Loaded only to cut: a build whose subsets are all cached does without them.
  const [fontkit, { default: subsetFont }] = await Promise.all([import('fontkit'), import('subset-font')]);
  const font = fontkit.create(sfnt) as { characterSet: number[] };
  const chars = font.characterSet.filter((c) => used.has(c) && c > 0x20).sort((a, b) => a - b);
  if (chars.length === 0) return new Uint8Array();
  // The space is kept in every subset: a face without one falls back mid-line.
  return new Uint8Array(await subsetFont(sfnt, String.fromCodePoint(0x20, ...chars), { targetFormat: format }));
}

/** @font-face rules for subset faces, pointing at `${dir}/<file>`. */
export function subsetFontFaceCss(fonts: readonly SubsetFace[], dir: string, display?: 'block'): string {
  return `${fonts.map(({ face, file }) => {
    const format = file.endsWith('.ttf') ? 'truetype' : 'woff2';
    return `@font-face { font-family: "${face.family}"; font-style: ${face.style}; font-weight: ${face.weight};${display ? ` font-display: ${display};` : ''} src: url("${dir}/${file}") format("${format}"); unicode-range: ${face.unicodeRange}; }`;
  }).join('\n')}\n`;
}
