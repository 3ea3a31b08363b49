import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../cache/content-hash.js';
import { keepInToolCache, toolCachePath } from '../cache/tool-cache.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { fontFilePath, type BrandFaces, type FontFace } from './font-files.js';
import { location } from 'vfile-location';

const PIPELINE_ROOT = join(import.meta.dirname, '..', '..');

/** What fontkit gives for a face that decodes; reading a glyph forces the WOFF2 tables to unpack. */
interface ParsedFont {
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/**
 * Every face must decode as a font: a truncated or damaged file would otherwise be dropped by
 * Chromium without a word and the PDF set in a fallback face. Each file is parsed with fontkit
 * and a glyph read; the set of files found sound is remembered (by their bytes' hash) in the
 * tool cache, so only a changed file is parsed again. Missing files are the brand's to report (brand.ts, at the token naming them).
 */
export async function checkFontIntegrity(
  diagnostics: DiagnosticList,
  fonts: BrandFaces,
  pathOf: (face: FontFace) => string = fontFilePath,
  manifest = join(PIPELINE_ROOT, 'package.json'),
): Promise<void> {
  const files: Array<{ face: FontFace; path: string; bytes: Buffer }> = [];
  for (const face of fonts.faces) {
    let path: string;
    try {
      path = pathOf(face);
    } catch {
      continue;
    }
    if (existsSync(path)) files.push({ face, path, bytes: readFileSync(path) });
  }
  const sound = toolCachePath(`fonts-sound-${contentHash(...files.map((f) => f.bytes))}`);
  if (existsSync(sound)) return;
  const fontkit = await import('fontkit');
  const text = readFileSync(manifest, 'utf8');
  let damaged = 0;
  for (const { face, path } of files) {
    const problem = fontProblem(() => fontkit.openSync(path) as unknown as ParsedFont);
    if (!problem) continue;
    damaged += 1;
    const pkg = `@fontsource/${face.pkg}`;
    const at = positionOf(text, `"${pkg}"`);
    diagnostics.error('package.json', at.line, at.column, `font file ${face.file} (${face.family} ${face.weight} ${face.style}, ${face.subset}) of ${pkg} is damaged: ${problem}`,
      `the editions would silently fall back to another font: reinstall the package (rm -rf node_modules/${pkg} && npm ci)`, 'font-damaged');
  }
  if (damaged === 0) await keepInToolCache(sound, '');
}

/** Why a face does not decode, or undefined when it does. */
function fontProblem(open: () => ParsedFont): string | undefined {
  try {
    const font = open();
    if (!font || !(font.numGlyphs > 0) || !(font.unitsPerEm > 0)) return 'it has no glyphs';
    const width = font.glyphForCodePoint(0x20).advanceWidth;
    return Number.isFinite(width) ? undefined : 'its glyph metrics cannot be read';
  } catch {
    return 'it cannot be read as a font (truncated or corrupt)';
  }
}

export function positionOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) return { line: 1, column: 1 };
  const { line, column } = location(text).toPoint(i)!;
  return { line, column };
}
