import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import { contentHash } from '../../cache/content-hash.js';
import type { AssembledBook } from '../../assemble/assemble-book.js';
import { contentsElement } from '../../assemble/contents-element.js';
import { hyphenatePrint } from '../hyphenate-print.js';
import { breakLongUrls } from '../url-breaks.js';
import { runningHeadRule } from '../running-head.js';
import { linkOutOfUnit, unitTargets, type BookLinks } from '../merge/cross-unit-links.js';
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
export function unitDocument(assembled: AssembledBook, unit: PrintUnit, pages: ContentsPages, links: BookLinks): Root {
  const { book } = assembled;
  const runningHeads = unit.sections
    .filter((s) => s.kind !== 'part')
    .map((s) => runningHeadRule(s.id, s.short));
  const heads = [`@page { @${FOLIO_MARGIN_BOX} { content: none; } }`, ...runningHeads].join('\n');
  const content: ElementContent[] = unit.id === 'contents'
    ? [contentsElement(assembled.contents, { pages: pages ?? new Map(), href: (e) => `#${e.id}`, depth: 3 })]
    : unitTrees(assembled, unit);
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
  linkOutOfUnit(printed, unit.id, links);
  hyphenatePrint(printed);
  breakLongUrls(printed);
  return { type: 'root', children: [{ type: 'doctype' }, printed] };
}

/**
 * What unitDocument makes its document of, as a cache key: the book's head, the unit's trees,
 * the contents' numbers and which of its ids others link to. Cheaper than the document itself (no
 * hyphenation, no serialisation), so a warm build makes documents only for units that changed.
 */
export function unitKey(assembled: AssembledBook, unit: PrintUnit, pages: ContentsPages, links: BookLinks): string {
  const trees = unit.id === 'contents' ? [assembled.contents] : unitTrees(assembled, unit);
  return contentHash(
    'print-unit-document', JSON.stringify([assembled.book.language, assembled.book.title, unit.id, unit.recto, unit.inMain, unit.sections.map((s) => [s.id, s.kind, s.short])]),
    JSON.stringify(pages ? [...pages] : null),
    JSON.stringify(unitTargets(unit.id, links)),
    JSON.stringify(trees, (k, v: unknown) => (k === 'position' ? undefined : v)),
  );
}

/** The trees a unit prints (the contents' is made from the contents model). */
export function unitTrees(assembled: AssembledBook, unit: PrintUnit): Element[] {
  return unit.id === 'front' ? [assembled.cover, ...unit.sections.map((s) => s.element)] : unit.sections.map((s) => s.element);
}
