import { mkdtemp, readFile, rm, } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import postcss from 'postcss';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { run } from './helpers/run.js';
import { bare, hasBody, pageLines, pdfPages, squash } from './helpers/pdf-pages.js';

const dist = inject('reportDist');
const epubPath = join(dist, 'python-tech-radar.epub');
const pdfPath = join(dist, 'python-tech-radar.pdf');

function all(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}
const byId = (tree: Root, id: string) => all(tree, (el) => el.properties.id === id)[0];

describe('the ePub on e-readers (Kindle through calibre, Kobo, older readers)', () => {
  let zip: JSZip;
  let tmp: string;
  const text = (name: string) => zip.file(`OEBPS/${name}`)!.async('string');
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await readFile(epubPath));
    tmp = await mkdtemp(join(tmpdir(), 'ptr-readers-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('has a style sheet of plain values: no custom property is used or defined', async () => {
    const css = postcss.parse(await text('style.css'));
    let decls = 0;
    css.walkDecls((d) => {
      decls += 1;
      expect(d.prop.startsWith('--'), `${d.prop} defined`).toBe(false);
      expect(d.value, `${d.parent?.toString().slice(0, 60)}`).not.toContain('var(');
    });
    expect(decls).toBeGreaterThan(100);
    expect(await text('style.css')).toMatch(/h1, h2, h3, h4, h5, h6 \{ font-family: "Inter"/);
  });

  it('carries TrueType subsets of the faces it uses, each declared and present', async () => {
    const css = await text('style.css');
    const files = Object.keys(zip.files).filter((n) => n.startsWith('OEBPS/fonts/'));
    expect(files.length).toBeGreaterThan(0);
    const opf = await text('content.opf');
    for (const f of files) {
      expect(f).toMatch(/\.ttf$/);
      const name = f.slice('OEBPS/'.length);
      expect(css).toContain(`url("${name}") format("truetype")`);
      expect(opf).toContain(`href="${name}" media-type="font/ttf"`);
      const bytes = await zip.file(f)!.async('uint8array');
      // An sfnt with TrueType outlines starts with 0x00010000.
      expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    }
    // The math face is there for two characters: its subset is a fraction of the 270 KB face.
    const math = await zip.file('OEBPS/fonts/noto-sans-math-latin-400-normal.ttf')!.async('uint8array');
    expect(math.length).toBeLessThan(60_000);
    expect(css).not.toContain('woff2');
  });

  it.skipIf(!hasValidator('ebook-convert'))('converts to AZW3 with calibre with no CSS error, and the charts keep their aspect ratio', () => {
    const azw3 = join(tmp, 'book.azw3');
    const log = run('ebook-convert', [epubPath, azw3]);
    expect(log).toContain('Output saved to');
    expect(log.split('\n').filter((l) => /error/i.test(l) && /css|property|style/i.test(l))).toEqual([]);
    // Back to ePub: calibre's own flattened style sheet shows what the Kindle file carries.
    const back = join(tmp, 'back.epub');
    run('ebook-convert', [azw3, back]);
    return (async () => {
      const out = await JSZip.loadAsync(await readFile(back));
      const sheets = await Promise.all(Object.keys(out.files).filter((n) => n.endsWith('.css')).map((n) => out.file(n)!.async('string')));
      const rules = new Map<string, Map<string, string>>();
      for (const sheet of sheets) postcss.parse(sheet).walkRules((r) => {
        for (const sel of r.selectors) {
          const decls = rules.get(sel) ?? new Map<string, string>();
          r.walkDecls((d) => { decls.set(d.prop, d.value); });
          rules.set(sel, decls);
        }
      });
      let charts = 0;
      for (const name of Object.keys(out.files).filter((n) => /\.x?html$/.test(n))) {
        const tree = fromHtml(await out.file(name)!.async('string'));
        for (const img of all(tree, (el) => el.tagName === 'img' && String(el.properties.alt ?? '').startsWith('Bar chart.'))) {
          charts += 1;
          const decls = ((img.properties.className as string[] | undefined) ?? []).map((c) => rules.get(`.${c}`)).filter(Boolean);
          const height = decls.map((d) => d!.get('height')).find(Boolean) ?? 'auto';
          const maxWidth = decls.map((d) => d!.get('max-width')).find(Boolean);
          // A fixed height under a flexible width squashes the chart on a narrow screen.
          if (maxWidth?.endsWith('%')) expect(height, `${name}: ${String(img.properties.src)}`).toBe('auto');
          expect(img.properties.height, `${name}: ${String(img.properties.src)}`).toBeUndefined();
        }
      }
      expect(charts).toBe(28);
    })();
  }, 600_000);

  it('gives older readers an NCX with the nav\'s hierarchy and titles', async () => {
    type Node = { label: string; href: string; children: Node[] };
    const nav = fromHtml(await text('toc.xhtml'));
    const fromNav = (ol: Element): Node[] => ol.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').map((li) => {
      const a = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a')!;
      const sub = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
      return { label: toString(a), href: String(a.properties.href), children: sub ? fromNav(sub) : [] };
    });
    const tocNav = byId(nav, 'toc')!;
    const expected = fromNav(tocNav.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol')!);
    // The NCX parsed as HTML: element names come lowercased, the structure is the same.
    const ncx = fromHtml(await text('toc.ncx'), { fragment: true });
    const fromNcx = (parent: Element): Node[] => parent.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'navpoint').map((p) => ({
      label: toString(all(p, (el) => el.tagName === 'navlabel')[0]!).trim(),
      href: String(all(p, (el) => el.tagName === 'content')[0]!.properties.src),
      children: fromNcx(p),
    }));
    const navMap = all(ncx, (el) => el.tagName === 'navmap')[0]!;
    const actual = fromNcx(navMap);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((e) => e.children.length > 0)).toBe(true);
    expect(actual).toEqual(expected);
  });

  it.skipIf(!hasValidator('pdftotext'))('lists every PDF page with body text in a page-list, each at its place in the text', async () => {
    const opf = await text('content.opf');
    expect(opf).toContain('<meta property="source-of" refines="#page-source">pagination</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
    const nav = fromHtml(await text('toc.xhtml'));
    const list = all(nav, (el) => el.tagName === 'nav' && el.properties.id === 'page-list')[0]!;
    expect(list.properties.epubType ?? list.properties['epub:type']).toBeDefined();
    const entries = all(list, (el) => el.tagName === 'a').map((a) => ({ page: Number(toString(a)), href: String(a.properties.href) }));
    const ncxTargets = (await text('toc.ncx')).split('<pageTarget ').length - 1;
    expect(ncxTargets).toBe(entries.length);

    const pages = pdfPages(pdfPath).map(pageLines);
    const listed = new Map(entries.map((e) => [e.page, e.href]));
    const withBody = pages.map((lines, i) => (hasBody(lines) ? i + 1 : 0)).filter((n) => n > 0);
    expect(withBody.length).toBeGreaterThan(80);
    expect(withBody.filter((n) => !listed.has(n))).toEqual([]);
    expect(entries.map((e) => e.page)).toEqual([...entries.map((e) => e.page)].sort((a, b) => a - b));

    const docs = new Map<string, Root>();
    const contentsStart = pages.findIndex((lines) => lines.includes('Contents')) + 1;
    const wrong: string[] = [];
    let checked = 0;
    for (const { page, href } of entries) {
      const [file, id] = href.split('#') as [string, string | undefined];
      if (!id) continue; // the cover
      // The printed contents pages lead to where the text resumes after them (the nav comes first in an ePub).
      if (page >= contentsStart && page < contentsStart + 3 && listed.get(page + 1) === href) continue;
      if (!docs.has(file)) docs.set(file, fromHtml(await text(file)));
      const tree = docs.get(file)!;
      const marker = byId(tree, id);
      expect(marker, href).toBeDefined();
      expect(marker!.properties.role).toBe('doc-pagebreak');
      // The block the marker opens: its parent when it sits inside one (after other pages'
      // markers only), else its next sibling that is not another page's marker.
      const isMarker = (c: unknown) => (c as Element).type === 'element' && (c as Element).properties.role === 'doc-pagebreak';
      const blockOf = (m: Element): Element | undefined => {
        let found: Element | undefined;
        visit(tree, 'element', (el: Element) => {
          const at = el.children.indexOf(m);
          if (at < 0) return;
          found = el.children.slice(0, at).every(isMarker) && toString(el).trim() !== '' && !['section', 'article', 'div', 'figure', 'body'].includes(el.tagName)
            ? el : el.children.slice(at + 1).find((c): c is Element => c.type === 'element' && !isMarker(c));
        });
        return found;
      };
      const block = blockOf(marker!);
      // A blank page (before an opener) starts where the next page does: the same block.
      if (!hasBody(pages[page - 1]!)) {
        const next = byId(tree, `page-${page + 1}`);
        expect(next, `blank p. ${page}: p. ${page + 1} in the same file`).toBeDefined();
        expect(blockOf(next!), `blank p. ${page} opens the block p. ${page + 1} opens`).toBe(block);
        continue;
      }
      if (!block) {
        wrong.push(`p. ${page} → ${href}: the marker opens no block`);
        continue;
      }
      const blockText = squash(toString(block));
      const pageText = bare(pages[page - 1]!.join(' '));
      const opening = blockText.split(' ').slice(0, 6).join(' ');
      const startsHere = opening.length > 0 && pageText.includes(bare(opening));
      // A block longer than a page (it began on an earlier page) must hold this page's lines.
      const runsHere = pages[page - 1]!.some((l) => l.length > 25 && bare(blockText).includes(bare(l)));
      checked += 1;
      if (!startsHere && !runsHere) wrong.push(`p. ${page} → ${href}: "${opening}" not on the page`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });
});
