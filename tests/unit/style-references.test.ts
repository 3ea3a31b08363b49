import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atKeyword, cssReferences, unescapeCss } from '../../scripts/assets/css-references.js';
import { checkStyleSheets } from '../../scripts/assets/check-style-sheets.js';
import { loadBrand } from '../../scripts/brand/brand.js';
import { DiagnosticList, formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';

/**
 * Issue 21, class 7: a style sheet loads nothing (the editions are self-contained; a remote
 * address would make every reader's device contact that host). References are found in the
 * CSS parse tree, the way a browser reads them: escapes decoded, any case, any vendor prefix.
 * The exact messages of whole builds are in tests/fixtures/errors/style-*.
 */
const REPO = join(import.meta.dirname, '..', '..');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

const urls = (value: string) => cssReferences(value).map((r) => r.url);

describe('cssReferences', () => {
  it('finds url() quoted, unquoted, in any case and with blanks', () => {
    expect(urls('url(https://a.example/x.png)')).toEqual(['https://a.example/x.png']);
    expect(urls('URL( "//b.example/y" ) no-repeat, Url(\'c.png\')')).toEqual(['//b.example/y', 'c.png']);
  });

  it('reads a function name as a browser does: escapes decoded', () => {
    expect(urls('\\75rl(https://a.example/x)')).toEqual(['https://a.example/x']);
    expect(urls('u\\rl("https://b.example/y")')).toEqual(['https://b.example/y']);
    // A blank after a hex escape ends the escape: this is `URL(` to a browser.
    expect(urls('\\55 \\52 \\4c (https://c.example/z)')).toEqual(['https://c.example/z']);
    expect(cssReferences('a \\55 \\52 \\4c (x) url(y)').map((r) => r.offset)).toEqual([2, 18]);
    // The address itself may be escaped too.
    expect(urls('url(\\68ttps://d.example/w)')).toEqual(['https://d.example/w']);
  });

  it('finds src(), image-set() with its strings, prefixed, nested, inside other functions', () => {
    expect(urls('src("https://a.example/f.woff2")')).toEqual(['https://a.example/f.woff2']);
    expect(urls('image-set("a.avif" type("image/avif") 1x, url(b.png) 2x)')).toEqual(['a.avif', 'b.png']);
    expect(urls('-webkit-image-set("//c.example/m.png" 1x)')).toEqual(['//c.example/m.png']);
    expect(urls('linear-gradient(red, blue), cross-fade(url(x.png) 50%, "y.png")')).toEqual(['x.png', 'y.png']);
    expect(urls('var(--x, url(https://e.example/fallback.png))')).toEqual(['https://e.example/fallback.png']);
  });

  it('tells a same-page fragment and a remote host apart; text and comments are no reference', () => {
    const [fragment, remote, file] = cssReferences('url(#clip) url(HTTPS://x.example) url(a.png)');
    expect([fragment!.local, remote!.remote, file!.local || file!.remote]).toEqual([true, true, false]);
    expect(cssReferences('"https://only-text.example" /* url(https://comment.example) */ u/**/rl(x)')).toEqual([]);
  });

  it('decodes CSS escapes and at-rule keywords', () => {
    expect(unescapeCss('\\69 mport \\"x\\" \\1F40D')).toBe('import "x" 🐍');
    expect(atKeyword('imp\\ort "x.css"')).toEqual({ keyword: 'import', rest: ' "x.css"' });
    expect(atKeyword('IMPORT url(x)').keyword).toBe('import');
  });
});

async function styles(sheet: string, css: string): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'ptr-styles-'));
  temps.push(root);
  await cp(join(REPO, 'styles'), join(root, 'styles'), { recursive: true });
  if (css) await writeFile(join(root, 'styles', sheet), css);
  const diagnostics = new DiagnosticList();
  // As the build does: the fonts are checked against the brand's faces.
  await checkStyleSheets(root, diagnostics, loadBrand(root, diagnostics)?.fonts);
  return diagnostics.items.map((d) => formatDiagnostic(d).split('\n')[0]!);
}

describe('checkStyleSheets', () => {
  it('passes the repository\'s own style sheets', async () => {
    expect(await styles('brand.css', '')).toEqual([]);
  });

  it('checks every edition\'s layers: print, screen, ePub and the cover image alike', async () => {
    for (const sheet of ['print.css', 'screen.css', 'epub.css', 'cover-image.css', 'tokens.css']) {
      const original = await readFile(join(REPO, 'styles', sheet), 'utf8');
      const found = await styles(sheet, `${original}\n.x { background: url(https://tracker.example/${sheet}.png); }\n`);
      expect(found, sheet).toEqual([`styles/${sheet}:${original.split('\n').length + 1}:18: error: the style sheet loads https://tracker.example/${sheet}.png from another site: every reader's device would contact it [style-reference]`]);
    }
  });

  it('refuses a remote token (styles/tokens.css), which the chart theme would paint too', async () => {
    const original = await readFile(join(REPO, 'styles', 'tokens.css'), 'utf8');
    const found = await styles('tokens.css', original.replace(/--brand: [^;]+;/, '--brand: url(https://tracker.example/b.svg#p);'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^styles\/tokens\.css:\d+:\d+: error: the style sheet loads https:\/\/tracker\.example\/b\.svg#p from another site/);
  });

  it('refuses @import in every spelling, inside @media too, and lets @namespace be', async () => {
    const found = await styles('brand.css', '@namespace svg url(http://www.w3.org/2000/svg);\n@IMPORT "a.css";\n@media print {\n  @import url(b.css);\n}\n@imp\\ort "c.css";\n');
    expect(found).toEqual([
      'styles/brand.css:2:1: error: @import loads another style sheet (a.css): the build joins the style layers itself and loads nothing [style-reference]',
      'styles/brand.css:4:3: error: @import loads another style sheet (b.css): the build joins the style layers itself and loads nothing [style-reference]',
      'styles/brand.css:6:1: error: @import loads another style sheet (c.css): the build joins the style layers itself and loads nothing [style-reference]',
    ]);
    // postcss cannot read an at-keyword that starts with an escape: the sheet is refused as unreadable.
    expect(await styles('brand.css', 'a { color: red }\n@\\69mport "c.css";\n')).toEqual(['styles/brand.css:2:1: error: invalid CSS: At-rule without name [css]']);
  });

  it('refuses a font loaded by @font-face, and references in an at-rule\'s condition', async () => {
    const found = await styles('brand.css', '@font-face { font-family: Inter; src: url(inter.woff2); }\n@supports (background: url(https://x.example/p.png)) { a { color: red } }\n');
    expect(found).toEqual([
      'styles/brand.css:1:39: error: the style sheet refers to "inter.woff2", a file no edition carries [style-reference]',
      'styles/brand.css:2:24: error: the style sheet loads https://x.example/p.png from another site: every reader\'s device would contact it [style-reference]',
    ]);
  });

  it('passes references into its own page (url(#id))', async () => {
    expect(await styles('brand.css', '.chart { clip-path: url(#clip); filter: url("#shadow"); }\n')).toEqual([]);
  });

  it('still names a font the editions do not embed, at its value', async () => {
    expect(await styles('brand.css', 'body {\n  font-family: "Comic Sans MS", serif;\n}\n')).toEqual([
      'styles/brand.css:2:16: error: font "Comic Sans MS" is not one of the book\'s fonts [font-family]',
    ]);
  });
});
