import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { contentHash } from '../../cache/content-hash.js';
import type { AssembledBook } from '../../assemble/assemble-book.js';
import { contentsElement } from '../../assemble/contents-element.js';
import { hyphenatePrint } from '../hyphenate-print.js';
import { breakLongUrls } from '../url-breaks.js';
import { runningHead, cssString } from '../running-head.js';
import { crossUnitHref } from '../merge/cross-unit-links.js';
import type { PrintUnit } from './book-units.js';
import { FOLIO_MARGIN_BOX } from './folios.js';

/** The contents' page numbers (the contents unit only; placeholders while its length is measured). */
export type ContentsPages = ReadonlyMap<string, number> | undefined;

/**
 * One print unit as an HTML document for Chromium: the book's head, its own running heads,
 * the folio turned off (the book's are drawn on once it is assembled, folios.ts) and its part
 * of the book: nothing in it depends on the page it starts on. A link to an id in
 * another unit is rewritten so the merge can point it at that unit's page (merge/cross-unit.ts);
 * an id in this unit that another unit links to gets a hidden link here, so Chromium writes
 * a named destination for it (it writes one only for ids linked in its own document).
 */
export function unitDocument(assembled: AssembledBook, unit: PrintUnit, pages: ContentsPages, linkedFromElsewhere: ReadonlySet<string>): Root {
  const { book } = assembled;
  const runningHeads = unit.sections
    .filter((s) => s.kind !== 'part')
    .map((s) => `#${s.id} { page: ch-${s.id}; }\n@page ch-${s.id} { @top-center { content: ${cssString(runningHead(s.short))}; font-family: var(--font-sans); font-size: 8.5pt; color: var(--ink-soft); } }`);
  const front = unit.sections.filter((s) => s.kind === 'front');
  const heads = [`@page { @${FOLIO_MARGIN_BOX} { content: none; } }`, ...runningHeads].join('\n');
  const content: ElementContent[] = unit.id === 'contents'
    ? [contentsElement(assembled.contents, { pages: pages ?? new Map(), href: (e) => `#${e.id}`, depth: 3 })]
    : unit.id === 'front'
      ? [assembled.cover, ...front.map((s) => s.element)]
      : unit.sections.map((s) => s.element);
  const body = unit.inMain ? [h('main', content)] : content;
  const html = h('html', { lang: book.language }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', book.title),
      h('link', { rel: 'stylesheet', href: 'book.css' }),
      h('style', heads),
    ]),
    h('body.edition-print', body),
  ]);
  // The print edition alone is hyphenated: on a copy, the ePub and web editions share the tree.
  const printed = structuredClone(html);
  const own = idsIn(printed);
  rewriteCrossUnitLinks(printed, own);
  const targets = [...own].filter((id) => linkedFromElsewhere.has(id)).sort();
  if (targets.length > 0) printed.children[1] = { ...(printed.children[1] as Element), children: [...(printed.children[1] as Element).children, hiddenLinks(targets)] };
  hyphenatePrint(printed);
  breakLongUrls(printed);
  return { type: 'root', children: [{ type: 'doctype' }, printed] };
}

/**
 * What unitDocument makes its document of, as a cache key: the book's head, the unit's trees,
 * the contents' numbers and which of its ids others link to. Cheaper than the document itself (no
 * hyphenation, no serialisation), so a warm build makes documents only for units that changed.
 */
export function unitKey(assembled: AssembledBook, unit: PrintUnit, pages: ContentsPages, linkedFromElsewhere: ReadonlySet<string>): string {
  const trees = unit.id === 'contents' ? [assembled.contents] : unit.id === 'front' ? [assembled.cover, ...unit.sections.map((s) => s.element)] : unit.sections.map((s) => s.element);
  const own = new Set<string>();
  for (const tree of unit.id === 'contents' ? [] : (trees as Element[])) for (const id of idsIn(tree)) own.add(id);
  return contentHash(
    'print-unit-document', JSON.stringify([assembled.book.language, assembled.book.title, unit.id, unit.recto, unit.inMain, unit.sections.map((s) => [s.id, s.kind, s.short])]),
    JSON.stringify(pages ? [...pages] : null),
    JSON.stringify([...own].filter((id) => linkedFromElsewhere.has(id)).sort()),
    JSON.stringify(trees, (k, v: unknown) => (k === 'position' ? undefined : v)),
  );
}

/** Every id a `#` link points to, anywhere in the book's print: what needs a named destination. */
export function linkedIds(trees: readonly Element[]): Set<string> {
  const ids = new Set<string>();
  for (const tree of trees) {
    visit(tree, 'element', (el: Element) => {
      const href = el.tagName === 'a' ? el.properties.href : undefined;
      if (typeof href === 'string' && href.startsWith('#') && href.length > 1) ids.add(decodeURIComponent(href.slice(1)));
    });
  }
  return ids;
}

function idsIn(tree: Element): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (el: Element) => {
    if (typeof el.properties.id === 'string') ids.add(el.properties.id);
  });
  return ids;
}

function rewriteCrossUnitLinks(tree: Element, own: ReadonlySet<string>): void {
  visit(tree, 'element', (el: Element) => {
    const href = el.tagName === 'a' ? el.properties.href : undefined;
    if (typeof href !== 'string' || !href.startsWith('#') || href.length === 1) return;
    const id = decodeURIComponent(href.slice(1));
    if (!own.has(id)) el.properties.href = crossUnitHref(href.slice(1));
  });
}

function hiddenLinks(ids: readonly string[]): Element {
  return h('div', { hidden: true, ariaHidden: 'true' }, ids.map((id) => h('a', { href: `#${encodeURIComponent(id)}` })));
}
