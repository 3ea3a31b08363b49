import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readProjectFile } from '../diagnostics/project-files.js';
import { fontFilePath, type BrandFaces } from '../fonts/font-files.js';
import { fontFaceCss } from '../fonts/font-face-css.js';
import { fallbackFaceCss } from '../fonts/fallback-faces.js';
import { makeFolder } from '../publish/staging.js';

export type Edition = 'print' | 'screen' | 'epub' | 'cover';

/** The style layers of each edition, in cascade order: tokens, brand, then the edition's own. */
export const STYLE_LAYERS: Record<Edition, readonly string[]> = {
  print: ['tokens.css', 'brand.css', 'print.css'],
  screen: ['tokens.css', 'brand.css', 'screen.css'],
  epub: ['tokens.css', 'brand.css', 'epub.css'],
  cover: ['tokens.css', 'brand.css', 'cover-image.css'],
};

/**
 * Reads an edition's style layers from styles/ and joins them with the font faces (and, on
 * screen, their metric-matched fallbacks) into one stylesheet; print's opens with the page's size
 * and margins (`pageRule`, from the brand's tokens). `fontCss` replaces the faces (the ePub
 * carries its own subsets).
 */
export async function editionStylesheet(
  root: string, fonts: BrandFaces, edition: Edition, fontDir: string, fontCss = fontFaceCss(fonts, fontDir), pageRule = '',
): Promise<string> {
  const layers = await Promise.all(STYLE_LAYERS[edition].map(async (name) => `/* ${name} */\n${await readProjectFile(root, `styles/${name}`, 'utf8')}`));
  // Only the web edition paints before its fonts have loaded; print and the cover wait for them,
  // and e-readers bring their own fonts.
  const fallbacks = edition === 'screen' ? [await fallbackFaceCss(fonts)] : [];
  return [fontCss, ...fallbacks, ...(pageRule ? [pageRule] : []), ...layers].join('\n');
}

/** Copies the font files an edition links to into `dir`, made in its existing parent (a staging folder's). */
export async function copyFonts(dir: string, fonts: BrandFaces): Promise<string[]> {
  await makeFolder(dir);
  await Promise.all(fonts.faces.map((f) => copyFile(fontFilePath(f), join(dir, f.file))));
  return fonts.faces.map((f) => f.file);
}

export async function writeText(path: string, text: string): Promise<void> {
  await writeFile(path, text, 'utf8');
}
