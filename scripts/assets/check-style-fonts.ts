import type { Root } from 'postcss';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { BrandFaces } from '../fonts/font-files.js';

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'math', 'emoji', 'inherit', 'initial', 'unset', 'revert']);

/**
 * The editions embed only the brand's faces (the `--font-<role>-family` tokens of styles/tokens.css). A style whose first
 * choice is another font would silently print in a fallback, or in whatever the machine has:
 * the first family of `font-family` and of the `--font-…` stacks must be one of ours (later ones
 * are only fallbacks for missing glyphs); the faces' own tokens (`--font-text-files`…) are the brand's, checked where it is read (brand.ts). The sheet is parsed by check-style-sheets.ts.
 */
export function checkFontFamilies(path: string, sheet: Root, fonts: BrandFaces, diagnostics: DiagnosticList): void {
  const ours = new Set<string>(Object.values(fonts.families));
  sheet.walkDecls((decl) => {
    if (decl.prop !== 'font-family' && !decl.prop.startsWith('--font-')) return;
    if (/^--font-[a-z]+-(family|files|weights|italics|subsets|range)$/.test(decl.prop)) return;
    const value = decl.value.trim();
    if (/^var\(/.test(value)) return;
    const first = value.split(',')[0]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (ours.has(first) || GENERIC.has(first.toLowerCase())) return;
    const at = decl.positionInside(decl.prop.length + (decl.raws.between ?? '').length);
    diagnostics.error(path, at.line, at.column, `font "${first}" is not one of the book's fonts`,
      `the editions embed ${[...ours].join(', ')} (styles/tokens.css's --font-…-family): name one of them first, or use var(--font-sans) and the other tokens`, 'font-family');
  });
}
