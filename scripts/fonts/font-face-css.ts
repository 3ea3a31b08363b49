import { fontFaces } from './font-files.js';

/**
 * @font-face rules for every brand face, pointing at `${dir}/<file>`. Print waits for its fonts
 * (`block`); the web edition paints at once in its metric-matched fallbacks (`swap`), so the text
 * shows without waiting and hardly moves when the brand faces arrive.
 */
export function fontFaceCss(dir: string, display: 'block' | 'swap' = 'block'): string {
  return fontFaces.map((f) => `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; font-display: ${display}; src: url("${dir}/${f.file}") format("woff2"); unicode-range: ${f.unicodeRange}; }`).join('\n') + '\n';
}
