import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { fontFilePath, type BrandFaces, type FontFace } from './font-files.js';
import { location } from 'vfile-location';

/** The repository of this pipeline, whose package.json lists the @fontsource packages. */
const PIPELINE_ROOT = join(import.meta.dirname, '..', '..');

/**
 * Every face the editions embed must be on disk before any output is made: a package that is
 * not installed, or an update that dropped a weight, would otherwise fail deep in a copy with
 * a bare ENOENT. Reported at the package's line in package.json, where the fix usually is.
 */
export function checkFontFiles(
  diagnostics: DiagnosticList,
  fonts: BrandFaces,
  pathOf: (face: FontFace) => string = fontFilePath,
  manifest = join(PIPELINE_ROOT, 'package.json'),
): void {
  const text = readFileSync(manifest, 'utf8');
  const reported = new Set<string>();
  for (const face of fonts.faces) {
    const pkg = `@fontsource/${face.pkg}`;
    const at = positionOf(text, `"${pkg}"`);
    let path: string;
    try {
      path = pathOf(face);
    } catch {
      if (!reported.has(pkg)) diagnostics.error('package.json', at.line, at.column, `font package ${pkg} is not installed`, 'run npm ci (or npm install) in the project folder', 'font-missing');
      reported.add(pkg);
      continue;
    }
    if (!existsSync(path)) {
      diagnostics.error('package.json', at.line, at.column, `font file ${face.file} (${face.family} ${face.weight} ${face.style}, ${face.subset}) is missing from ${pkg}`,
        `run npm ci; if this version of ${pkg} no longer ships the face, pin the version that does or drop the weight in styles/tokens.css (--font-…-weights)`, 'font-missing');
    }
  }
}

export function positionOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) return { line: 1, column: 1 };
  const { line, column } = location(text).toPoint(i)!;
  return { line, column };
}
