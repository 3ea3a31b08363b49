import postcss, { CssSyntaxError, type Root } from 'postcss';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { STYLE_LAYERS } from './write-assets.js';
import { checkFontFamilies } from './check-style-fonts.js';
import type { BrandFaces } from '../fonts/font-files.js';
import { atKeyword, cssReferences, importTarget, type CssReference } from './css-references.js';

const HINT = 'the editions carry only the book\'s own files: its fonts and colours are the tokens of styles/tokens.css, images go in the text as figures; a style sheet may point only into its own page, url(#id)';

/**
 * Every style layer of every edition, parsed (postcss), in every build whichever outputs it
 * writes: a style sheet that fails to parse, loads something (`@import`, `url()`, `image-set()`,
 * a font's `src:`) or names a font the editions do not embed is refused at its line and column.
 * Whatever it would load, every reader's device would fetch (another site learns who reads the
 * book) or not find (the editions carry no file beside it). The fonts are checked against the
 * brand's faces (none when tokens.css could not be read: that is reported).
 */
export async function checkStyleSheets(root: string, diagnostics: DiagnosticList, fonts?: BrandFaces): Promise<void> {
  const files = [...new Set(Object.values(STYLE_LAYERS).flat())].sort();
  for (const name of files) {
    const path = `styles/${name}`;
    let text: string;
    try {
      text = await readProjectFile(root, path, 'utf8');
    } catch (e) {
      // A style sheet that leads out of the project, is not a regular file or is too large is refused here, before any edition reads it.
      if (e instanceof ProjectFileError && e.problem !== 'missing') diagnostics.error(path, 1, 1, e.message, e.hint, e.ruleId);
      else if (!(e instanceof ProjectFileError)) throw e;
      continue;
    }
    let sheet: Root;
    try {
      sheet = postcss.parse(text, { from: path });
    } catch (e) {
      if (!(e instanceof CssSyntaxError)) throw e;
      diagnostics.error(path, e.line ?? 1, e.column ?? 1, `invalid CSS: ${e.reason}`, 'check the braces, quotes and semicolons near here', 'css');
      continue;
    }
    checkReferences(path, sheet, diagnostics);
    if (fonts) checkFontFamilies(path, sheet, fonts, diagnostics);
  }
}

function checkReferences(path: string, sheet: Root, diagnostics: DiagnosticList): void {
  const refuse = (at: { line: number; column: number }, message: string) => diagnostics.error(path, at.line, at.column, message, HINT, 'style-reference');
  // In document order: at-rules (their parameters) and declarations (their values).
  sheet.walk((node) => {
    if (node.type === 'atrule') {
      const afterName = node.raws.afterName ?? '';
      const params = node.raws.params?.raw ?? node.params;
      const { keyword, rest } = atKeyword(`${node.name}${afterName}${params}`);
      if (keyword === 'import') {
        const target = importTarget(rest);
        refuse(node.positionInside(0), `@import loads another style sheet${target ? ` (${target})` : ''}: the build joins the style layers itself and loads nothing`);
        return;
      }
      // A namespace's URL is its name: nothing is fetched.
      if (keyword === 'namespace') return;
      const start = 1 + node.name.length + afterName.length;
      for (const r of cssReferences(params)) if (!r.local) refuse(node.positionInside(start + r.offset), describe(r));
    } else if (node.type === 'decl') {
      const value = node.raws.value?.raw ?? node.value;
      const start = node.prop.length + (node.raws.between ?? '').length;
      for (const r of cssReferences(value)) if (!r.local) refuse(node.positionInside(start + r.offset), describe(r));
    }
  });
}

function describe(r: CssReference): string {
  if (r.remote) return `the style sheet loads ${r.url} from another site: every reader's device would contact it`;
  if (/^data:/i.test(r.url)) return `the style sheet embeds a data: URL (${r.url.slice(0, 40)}${r.url.length > 40 ? '…' : ''}), which the editions do not take`;
  return `the style sheet refers to "${r.url}", a file no edition carries`;
}
