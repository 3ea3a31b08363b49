import type { Root } from 'postcss';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { FAMILIES } from '../fonts/font-files.js';

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'math', 'emoji', 'inherit', 'initial', 'unset', 'revert']);

/**
 * The editions embed only the brand's faces (scripts/fonts/font-files.ts). A style whose first
 * choice is another font would silently print in a fallback, or in whatever the machine has:
 * the first family of `font-family` and of the `--font-…` tokens must be one of ours (later ones
 * are only fallbacks for missing glyphs). The sheet is parsed by check-style-sheets.ts.
 */
export function checkFontFamilies(path: string, sheet: Root, diagnostics: DiagnosticList): void {
  const ours = new Set<string>(Object.values(FAMILIES));
  sheet.walkDecls((decl) => {
    if (decl.prop !== 'font-family' && !decl.prop.startsWith('--font-')) return;
    const value = decl.value.trim();
    if (/^var\(/.test(value)) return;
    const first = value.split(',')[0]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (ours.has(first) || GENERIC.has(first.toLowerCase())) return;
    const at = decl.positionInside(decl.prop.length + (decl.raws.between ?? '').length);
    diagnostics.error(path, at.line, at.column, `font "${first}" is not one of the book's fonts`,
      `the editions embed ${[...ours].join(', ')} (from @fontsource, see scripts/fonts/font-files.ts): name one of them first, or use var(--font-sans) and the other tokens`, 'font-family');
  });
}
