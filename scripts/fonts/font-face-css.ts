import type { BrandFaces } from './font-files.js';

/** @font-face rules for every brand face, pointing at `${dir}/<file>`. */
export function fontFaceCss(fonts: BrandFaces, dir: string): string {
  return `${fonts.faces.map((f) => `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; font-display: block; src: url("${dir}/${f.file}") format("woff2"); unicode-range: ${f.unicodeRange}; }`).join('\n')}\n`;
}
