import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { contentHash } from '../cache/content-hash.js';
import { toolCachePath } from '../cache/tool-cache.js';
import type { FontFace } from './font-files.js';
import type { BrandSfnts } from './brand-sfnt.js';
import { renameFamily } from './rename-family.js';

/** A brand face as a TrueType file on disk, for a renderer that loads fonts from files (resvg). */
export interface RasterFont {
  readonly face: FontFace;
  readonly path: string;
  /** The family name inside the file: the face's own for its latin file, see `extendedFamily` for latin-ext. */
  readonly family: string;
  /** The code points it has glyphs for. */
  readonly chars: ReadonlySet<number>;
}

/**
 * The family name a face's latin-ext file carries for the renderer. A browser picks between a
 * face's two files by `unicode-range`; resvg picks by name and weight, and for a character
 * missing from the chosen file takes the first loaded file that has it, of any weight: "Ł" in
 * a 600 byline came out in the 400 face. Named apart, the rasterizer asks for it by name.
 */
export function extendedFamily(family: string): string {
  return `${family} latin-ext`;
}

/**
 * The faces of `families` as TrueType files (the decoded @fontsource files, see brand-sfnt.ts),
 * written once to the tool cache under the hash of their bytes.
 */
export async function rasterFonts(families: ReadonlySet<string>, sfnts: BrandSfnts): Promise<RasterFont[]> {
  const fonts: RasterFont[] = [];
  for (const face of sfnts.fonts.faces.filter((f) => families.has(f.family))) {
    const sfnt = sfnts.get(face.file)!;
    const family = face.subset === 'latin-ext' ? extendedFamily(face.family) : face.family;
    const ttf = family === face.family ? sfnt : renameFamily(sfnt, family, `${face.weight}${face.style === 'italic' ? ' Italic' : ''}`);
    const path = toolCachePath(join('raster-fonts', `${contentHash(ttf).slice(0, 32)}.ttf`));
    await keep(path, ttf);
    const font = fontkit.create(Buffer.from(ttf)) as unknown as { characterSet: number[] };
    fonts.push({ face, path, family, chars: new Set(font.characterSet) });
  }
  return fonts;
}

/** Writes through a temporary name (a reader never sees half a font); a file already there is the same bytes. */
async function keep(path: string, bytes: Uint8Array): Promise<void> {
  if (await stat(path).then(() => true, () => false)) return;
  await mkdir(join(path, '..'), { recursive: true });
  // Unique per write: two stages of one build (the ePub and the web edition, side by side) may keep the same file at once.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}
