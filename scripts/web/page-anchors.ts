import type { Element } from 'hast';
import { h } from 'hastscript';
import { placePageMarkers } from '../output/page-markers.js';
import type { PageStart } from '../output/page-starts.js';
import { pageAnchorId } from '../assemble/page-ids.js';

/**
 * Blocks a web page's anchor opens from inside; before a heading, a figure or a table it goes in
 * front (a heading's accessible name, and the chapter's own contents, stay its title alone).
 */
const OPEN_INSIDE = new Set(['p', 'li', 'dt', 'dd']);

/**
 * The print edition's page anchors on a web page: where each print page starts (found as in
 * the ePub, output/page-markers.ts), an element with the id `page-N`, so `…/#page-37` cites
 * page 37. It shows as a small "p. 37" (styles/screen.css, from `data-page`: the text stays out
 * of search and copied text) and reads as one page break, "Page 37" (`doc-pagebreak`, with the
 * `separator` it refines as the fallback role: axe, and readers without DPUB roles, know that one).
 * A blank print page (one on which nothing starts: it starts where the next page does) keeps
 * its id, for links, but shows and reads nothing: the next page's marker follows it at once.
 * `trees` are copies of the print document's roots (a section's element by its id, the
 * contents' nav as `contents`), taken before anything adds blocks to them.
 */
export function addPageAnchors(trees: ReadonlyMap<string, Element>, starts: readonly PageStart[]): void {
  const sameAsNext = new Set(starts.filter((s, i) => {
    const next = starts[i + 1];
    return next !== undefined && next.block.root === s.block.root && next.block.index === s.block.index;
  }).map((s) => s.page));
  placePageMarkers(trees, starts, (page) => sameAsNext.has(page)
    ? h('span.page-anchor', { id: pageAnchorId(page) })
    : h('span.page-mark', { id: pageAnchorId(page), role: 'doc-pagebreak separator', ariaLabel: `Page ${page}`, dataPage: String(page) }), OPEN_INSIDE);
}

/** The pages before the first block (the printed cover) lead to the landing page's cover: an id alone, a picture has no text to cite. */
export function addCoverAnchors(cover: Element, starts: readonly PageStart[]): void {
  const first = starts[0]?.page ?? 1;
  cover.children.unshift(...Array.from({ length: first - 1 }, (_, i) => h('span.page-anchor', { id: pageAnchorId(i + 1) })));
}
