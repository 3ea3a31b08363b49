import type { Comment, Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import { MARK_INSIDE } from './page-markers.js';
import { PAGE_BLOCK_TAGS, type PageStart } from './page-starts.js';

const TAGS = new Set<string>(PAGE_BLOCK_TAGS);
/** A noncharacter: no source or serialiser writes one into a comment, so a slot is never mistaken for text. */
const FENCE = '\uFDD0';
/** A slot as both serialisers write it (the web's HTML; the ePub's XML writes it raw, to-xml.ts). */
const SLOT = new RegExp(`<!--${FENCE}([^${FENCE} ]+) (\\d+)${FENCE}-->`, 'g');

/**
 * The ePub and the web edition make their pages while the PDF prints, before it is known where
 * its pages start: each block a page may start at (print/page-blocks.ts numbers them, as
 * placePageMarkers finds them) gets a slot where its marker would go, a comment naming the
 * block, and the pages are serialised with their slots. Once the print has settled its page
 * starts, fillPageSlots puts the markers in the slots, a string replacement: the pages' work
 * (and the web's cache, which keeps pages with their slots) does not wait for the PDF.
 * Called before anything adds or moves blocks, like placePageMarkers; returns how many slots.
 */
export function placePageSlots(trees: ReadonlyMap<string, Element>, openInside: ReadonlySet<string> = MARK_INSIDE): number {
  let count = 0;
  for (const [root, tree] of trees) {
    const blocks: Array<{ el: Element; parent: Element }> = [];
    visit(tree, 'element', (el: Element, _i, parent) => {
      if (el !== tree && TAGS.has(el.tagName)) blocks.push({ el, parent: parent as Element });
    });
    blocks.forEach(({ el, parent }, index) => {
      const slot: Comment = { type: 'comment', value: `${FENCE}${slotName(root)} ${index}${FENCE}` };
      if (openInside.has(el.tagName)) el.children.unshift(slot);
      else parent.children.splice(parent.children.indexOf(el), 0, slot as ElementContent);
    });
    count += blocks.length;
  }
  return count;
}

/**
 * A root id as a slot names it: percent-encoded, hyphens too, since XML forbids "--" in a
 * comment and the id allocator joins names with it (`chart-x--chart-x`).
 */
function slotName(root: string): string {
  return encodeURIComponent(root).replaceAll('-', '%2D');
}

/** Whether a hast comment is a page slot (the ePub's XML writer keeps these, and drops every other comment). */
export function isPageSlot(node: Comment): boolean {
  return node.value.startsWith(FENCE);
}

/** A slot comment as the serialisers write it. */
export function pageSlotText(node: Comment): string {
  return `<!--${node.value}-->`;
}

/**
 * Serialised pages with their slots filled: each slot gets the markers of the pages that start
 * at its block, in the order of `starts` (as placePageMarkers puts several at one block), or
 * nothing. `roots` are the trees' ids in the page: a page start in one of them whose block has
 * no slot is the same internal error placePageMarkers reports; starts in other roots are left
 * to the caller. `slots` is what placePageSlots counted: a page must hold exactly its own.
 */
export function fillPageSlots(
  html: string, slots: number, roots: ReadonlySet<string>, starts: readonly PageStart[], marker: (page: number) => string,
): string {
  const at = new Map<string, string>();
  for (const start of starts) {
    if (!roots.has(start.block.root)) continue;
    const key = `${start.block.root} ${start.block.index}`;
    at.set(key, (at.get(key) ?? '') + marker(start.page));
  }
  let found = 0;
  const filled = html.replace(SLOT, (_, name: string, index: string) => {
    found += 1;
    const key = `${decodeURIComponent(name)} ${index}`;
    const markers = at.get(key) ?? '';
    at.delete(key);
    return markers;
  });
  if (found !== slots) throw new Error(`internal error: a page held ${found} page slots where ${slots} were placed`);
  const [missing] = at.keys();
  if (missing !== undefined) {
    const start = starts.find((s) => `${s.block.root} ${s.block.index}` === missing)!;
    throw new Error(`print page ${start.page} starts at block ${start.block.index} of "${start.block.root}", which has no slot on the page`);
  }
  return filled;
}
