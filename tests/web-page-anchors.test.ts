import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import { bare, hasBody, pageLines, pdfPages, squash } from './helpers/pdf-pages.js';
import { hasValidator } from './helpers/validators.js';
import { elements, hasClass, listPages, parsePage } from './helpers/web-site.js';

const dist = inject('reportDist');
const web = join(dist, 'web');
const pdfPath = join(dist, 'python-tech-radar.pdf');
const ANCHOR = /^page-(\d+)$/;

/** The web pages in reading order: the landing page, then from the page whose "Previous" is the landing, each "Next" to the last. */
function readingOrder(): string[] {
  const pager = (page: string, rel: string) => {
    const link = elements(parsePage(join(web, page)), (e) => e.tagName === 'a' && hasClass(e, `pager-${rel}`))[0];
    return link ? posix.join(page, '..', String(link.properties.href)) : undefined;
  };
  const first = listPages(web).find((p) => pager(p, 'prev') === 'index.html');
  const order = ['index.html'];
  for (let page = first; page; page = pager(page, 'next')) order.push(page);
  return order;
}

interface Anchor { readonly page: number; readonly el: Element; readonly parent: Element }

/** Every print page anchor of a page, in document order, with its parent. */
function anchorsIn(tree: Root): Anchor[] {
  const found: Anchor[] = [];
  visit(tree, 'element', (el: Element, _i, parent) => {
    const m = ANCHOR.exec(String(el.properties.id ?? ''));
    if (m) found.push({ page: Number(m[1]), el, parent: parent as Element });
  });
  return found;
}

const isAnchor = (c: ElementContent) => c.type === 'element' && ANCHOR.test(String(c.properties.id ?? ''));
const isBlank = (c: ElementContent) => c.type === 'text' && c.value.trim() === '';

const onCover = (a: Anchor) => a.parent.properties.id === 'cover';

/**
 * The block an anchor opens: its parent when it stands at the start of a paragraph, list item
 * or definition (after other pages' anchors only) or of the landing page's cover, else the
 * element right after it.
 */
function blockOf({ el, parent }: Anchor): Element | undefined {
  const at = parent.children.indexOf(el);
  if (parent.properties.id === 'cover') return parent;
  if (['p', 'li', 'dt', 'dd'].includes(parent.tagName) && parent.children.slice(0, at).every((c) => isAnchor(c) || isBlank(c))) return parent;
  return parent.children.slice(at + 1).find((c): c is Element => c.type === 'element' && !isAnchor(c)) ?? undefined;
}

/** A block's text as printed: without the inline charts' SVG, the web's heading "#" links and the hidden. */
function printedText(node: Element): string {
  const out: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type === 'text') out.push(n.value);
    if (n.type !== 'element' || n.tagName === 'svg' || hasClass(n, 'heading-anchor') || hasClass(n, 'visually-hidden') || hasClass(n, 'chart-download')) return;
    n.children.forEach(walk);
  };
  walk(node);
  return squash(out.join(' '));
}

describe.skipIf(!hasValidator('pdftotext'))('the web edition\'s print page anchors', () => {
  const pdf = pdfPages(pdfPath).map(pageLines);
  const withBody = pdf.map((lines, i) => (hasBody(lines) ? i + 1 : 0)).filter((n) => n > 0);
  const order = readingOrder();
  const trees = new Map(listPages(web).map((p) => [p, parsePage(join(web, p))]));

  it('reads the site in the order of its pages, every page once', () => {
    expect([...order].sort()).toEqual(listPages(web).filter((p) => p !== 'all/index.html' && p !== 'search/index.html'));
  });

  it('gives every PDF page with body text exactly one anchor in the site and one on "read all", in page order', () => {
    expect(withBody.length).toBeGreaterThan(80);
    const site = order.flatMap((p) => anchorsIn(trees.get(p)!).map((a) => ({ ...a, file: p })));
    const all = anchorsIn(trees.get('all/index.html')!);
    // The printed cover's pages lead to the landing page's cover ("read all" has none).
    const cover = site.filter(onCover).map((a) => a.page);
    expect(cover).toEqual([1]);
    for (const [anchors, pages] of [[site, withBody], [all, withBody.filter((n) => !cover.includes(n))]] as const) {
      const count = new Map<number, number>();
      for (const a of anchors) count.set(a.page, (count.get(a.page) ?? 0) + 1);
      expect(pages.filter((n) => count.get(n) !== 1)).toEqual([]);
      expect([...count].filter(([, n]) => n > 1)).toEqual([]);
      expect(Math.max(...count.keys())).toBeLessThanOrEqual(pdf.length);
    }
    // In reading order the pages rise; the printed contents stand between the front matter and
    // Part I in print, at the top of the site (the landing page) and of "read all".
    const inContents = (a: Anchor, tree: Root) => elements(tree, (e) => e.properties.id === 'contents').some((nav) => elements(nav, (e) => e === a.el).length > 0);
    const rising = (pages: number[]) => pages.every((p, i) => i === 0 || p > pages[i - 1]!);
    const landing = site.filter((a) => a.file === 'index.html' && !onCover(a));
    expect(landing.length).toBeGreaterThan(0);
    expect(landing.every((a) => inContents(a, trees.get('index.html')!))).toBe(true);
    const contentsPages = landing.map((a) => a.page);
    expect(rising(contentsPages)).toBe(true);
    expect(rising(site.filter((a) => a.file !== 'index.html').map((a) => a.page))).toBe(true);
    const allTree = trees.get('all/index.html')!;
    expect(all.filter((a) => inContents(a, allTree)).map((a) => a.page)).toEqual(contentsPages);
    expect(rising(all.filter((a) => !inContents(a, allTree)).map((a) => a.page))).toBe(true);
    expect(pdf[contentsPages[0]! - 1]).toContain('Contents');
  });

  it('puts each anchor just before the text that begins on its print page (pdftotext), on every page of the site', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [file, tree] of trees) {
      for (const anchor of anchorsIn(tree)) {
        const { page } = anchor;
        const block = blockOf(anchor);
        const where = `${file}#page-${page}`;
        // A blank page (before an opener) starts where the next page does: its anchor comes right before that page's.
        if (!hasBody(pdf[page - 1]!)) {
          const next = anchor.parent.children.slice(anchor.parent.children.indexOf(anchor.el) + 1).find((c) => !isBlank(c));
          if (!(next?.type === 'element' && next.properties.id === `page-${page + 1}`)) wrong.push(`${where}: blank, not right before p. ${page + 1}`);
          continue;
        }
        if (!block) {
          wrong.push(`${where}: opens no block`);
          continue;
        }
        const text = printedText(block);
        const opening = text.split(' ').slice(0, 6).join(' ');
        const pageText = bare(pdf[page - 1]!.join(' '));
        const startsHere = opening.length > 0 && pageText.includes(bare(opening));
        // A block longer than a page (it began on an earlier page) must hold this page's lines.
        const runsHere = pdf[page - 1]!.some((l) => l.length > 25 && bare(text).includes(bare(l)));
        checked += 1;
        if (!startsHere && !runsHere) wrong.push(`${where}: "${opening}" not on the page`);
        // And it begins there, not on the page before (where its anchor would belong).
        else if (startsHere && opening.length > 20 && page > 1 && bare(pdf[page - 2]!.join(' ')).includes(bare(opening))) wrong.push(`${where}: "${opening}" already on p. ${page - 1}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2 * 80);
  });

  it('announces a page once, as "Page N" (doc-pagebreak) with no text of its own; a blank page or the cover is an id alone', () => {
    for (const [file, tree] of trees) {
      for (const anchor of anchorsIn(tree)) {
        const { page, el } = anchor;
        expect(el.tagName, `${file} p. ${page}`).toBe('span');
        expect(el.children, `${file} p. ${page}: no text (the "p. N" is generated by CSS)`).toEqual([]);
        if (hasBody(pdf[page - 1]!) && !onCover(anchor)) {
          expect(hasClass(el, 'page-mark'), `${file} p. ${page}`).toBe(true);
          expect(el.properties.role).toBe('doc-pagebreak separator');
          expect(el.properties.ariaLabel).toBe(`Page ${page}`);
          expect(el.properties.dataPage).toBe(String(page));
        } else {
          expect(el.properties.role, `${file} blank p. ${page}`).toBeUndefined();
        }
      }
    }
  });

  it('keeps every id unique on every page', () => {
    for (const [file, tree] of trees) {
      const ids = elements(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id));
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
    }
  });
});

describe.skipIf(!hasValidator('chromium'))('the print page anchors in Chromium', () => {
  const browser = sharedBrowser();

  /** Where the first anchor inside a paragraph of a chapter is drawn, beside its paragraph. */
  async function measure(width: number, media?: 'print') {
    const page = await browser().newPage();
    try {
      await page.setViewport({ width, height: 900 });
      if (media) await page.emulateMediaType(media);
      await page.goto(`${pathToFileURL(join(web, 'part-1/asynchronous-python/index.html')).href}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const measured = await page.evaluate(() => {
        const mark = document.querySelector('p > .page-mark')!;
        const p = mark.parentElement!;
        const text = document.createRange();
        text.setStart(p.childNodes[[...p.childNodes].indexOf(mark) + 1]!, 0);
        text.setEnd(p.childNodes[[...p.childNodes].indexOf(mark) + 1]!, 1);
        const r = mark.getBoundingClientRect();
        const t = text.getBoundingClientRect();
        const before = getComputedStyle(mark, '::before');
        return {
          id: mark.id, display: getComputedStyle(mark).display, content: before.content, fontSize: parseFloat(before.fontSize),
          mark: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, text: { left: t.left, top: t.top, bottom: t.bottom },
          viewport: document.documentElement.clientWidth,
        };
      });
      // What assistive technology gets: the marker and all below it.
      const node = await page.$(`#${measured.id}`);
      const tree = await page.accessibility.snapshot({ root: node!, interestingOnly: false });
      return { ...measured, role: tree?.role, name: tree?.name, spoken: JSON.stringify(tree) };
    } finally {
      await page.close();
    }
  }

  it('shows "p. N" in the margin beside the text on a wide screen, inline on a phone, and not in print', async () => {
    const wide = await measure(1280);
    const page = wide.id.replace('page-', '');
    expect(wide.content).toMatch(new RegExp(`^"p.\u00a0${page}"`));
    // Read once: a page break named "Page N", the drawn "p. N" not in the accessibility tree.
    expect([wide.role, wide.name]).toEqual(['doc-pagebreak', `Page ${page}`]);
    expect(wide.spoken).not.toContain(`p.\u00a0${page}`);
    expect(wide.fontSize).toBeGreaterThanOrEqual(12);
    // In the margin: left of the text, inside the window, on the text's first line.
    expect(wide.mark.right).toBeLessThanOrEqual(wide.text.left);
    expect(wide.mark.left).toBeGreaterThanOrEqual(0);
    expect(wide.mark.top).toBeLessThan(wide.text.bottom);
    expect(wide.mark.bottom).toBeGreaterThan(wide.text.top);

    const phone = await measure(390);
    expect(phone.content).toBe(wide.content);
    // Inline: before the text on its line, inside the column.
    expect(phone.mark.left).toBeGreaterThanOrEqual(0);
    expect(phone.mark.right).toBeLessThanOrEqual(phone.text.left);
    expect(phone.mark.right).toBeLessThanOrEqual(phone.viewport);
    expect(Math.abs(phone.mark.top - phone.text.top)).toBeLessThan(10);

    expect((await measure(1280, 'print')).display).toBe('none');
  });
});
