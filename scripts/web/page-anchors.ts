import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { placePageMarkers } from '../output/page-markers.js';
import { fillPageSlots, placePageSlots } from '../output/page-marker-slots.js';
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
  placePageMarkers(trees, starts, anchorMaker(starts), OPEN_INSIDE);
}

/**
 * The same, in two steps (output/page-marker-slots.ts): the page is made and serialised with a
 * slot where each anchor may go, before the print has settled its page starts (and kept so in
 * the cache); the anchors are put in once it has. Returns the number of slots placed.
 */
export function addPageAnchorSlots(trees: ReadonlyMap<string, Element>): number {
  return placePageSlots(trees, OPEN_INSIDE);
}

/** A page's HTML with its anchor slots filled (`roots`: the trees its slots were placed in). */
export function fillPageAnchors(html: string, slots: number, roots: ReadonlySet<string>, starts: readonly PageStart[]): string {
  const make = anchorMaker(starts);
  return fillPageSlots(html, slots, roots, starts, (page) => toHtml(make(page)));
}

function anchorMaker(starts: readonly PageStart[]): (page: number) => Element {
  const sameAsNext = new Set(starts.filter((s, i) => {
    const next = starts[i + 1];
    return next !== undefined && next.block.root === s.block.root && next.block.index === s.block.index;
  }).map((s) => s.page));
  return (page) => sameAsNext.has(page)
    ? h('span.page-anchor', { id: pageAnchorId(page) })
    : h('span.page-mark', { id: pageAnchorId(page), role: 'doc-pagebreak separator', ariaLabel: `Page ${page}`, dataPage: String(page) });
}

/** The pages before the first block (the printed cover) lead to the landing page's cover: an id alone, a picture has no text to cite. */
export function addCoverAnchors(cover: Element, starts: readonly PageStart[]): void {
  const first = starts[0]?.page ?? 1;
  cover.children.unshift(...Array.from({ length: first - 1 }, (_, i) => h('span.page-anchor', { id: pageAnchorId(i + 1) })));
}
