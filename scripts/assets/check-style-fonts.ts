import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { STYLE_LAYERS } from './write-assets.js';
import { FAMILIES } from '../fonts/font-files.js';
import { location } from 'vfile-location';

const GENERIC = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'math', 'emoji', 'inherit', 'initial', 'unset', 'revert']);

/** `font-family: …` and `--font-…: …` declarations: the value up to `;` or `}`. */
const DECLARATION = /(?:^|[;{\s])(font-family|--font-[\w-]+)\s*:\s*([^;}]+)/g;

/**
 * The editions embed only the brand's faces (scripts/fonts/font-files.ts). A style whose first
 * choice is another font would silently print in a fallback, or in whatever the machine has:
 * that first family must be one of ours (later ones are only fallbacks for missing glyphs).
 */
export async function checkStyleFonts(root: string, diagnostics: DiagnosticList): Promise<void> {
  const ours = new Set<string>(Object.values(FAMILIES));
  const files = [...new Set(Object.values(STYLE_LAYERS).flat())].sort();
  for (const name of files) {
    const path = `styles/${name}`;
    let text: string;
    try {
      text = await readProjectFile(root, path, 'utf8');
    } catch (e) {
      // A style sheet that leads out of the project, is not a regular file or is too large is refused here, before any edition reads it.
      if (e instanceof ProjectFileError && e.kind !== 'missing') diagnostics.error(path, 1, 1, e.message, e.hint, e.ruleId);
      else if (!(e instanceof ProjectFileError)) throw e;
      continue;
    }
    const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
    for (const m of code.matchAll(DECLARATION)) {
      const value = m[2]!.trim();
      if (/^var\(/.test(value)) continue;
      const first = value.split(',')[0]!.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (ours.has(first) || GENERIC.has(first.toLowerCase())) continue;
      const offset = m.index + m[0].indexOf(m[2]!);
      const at = location(text).toPoint(offset)!;
      diagnostics.error(path, at.line, at.column, `font "${first}" is not one of the book's fonts`,
        `the editions embed ${[...ours].join(', ')} (from @fontsource, see scripts/fonts/font-files.ts): name one of them first, or use var(--font-sans) and the other tokens`, 'font-family');
    }
  }
}
