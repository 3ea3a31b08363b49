import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import { PAGE_BLOCK_TAGS, type PageStart } from './page-starts.js';

const TAGS = new Set<string>(PAGE_BLOCK_TAGS);
/** Blocks a marker may open (phrasing inside them is allowed); before any other, the marker goes in front. */
export const MARK_INSIDE: ReadonlySet<string> = new Set(['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Puts a marker where each print page starts whose block lies in one of the given trees (a
 * copy of a section's root element, or the contents' nav, by its id), found as the print stage
 * numbered them (print/page-blocks.ts): the n-th block under a root, by tag name in document
 * order. Called before anything adds or moves blocks. A marker goes inside a block of
 * `openInside` (at its start, after other pages' markers), else just before the block. Pages
 * whose root is not among the trees are left to the caller.
 */
export function placePageMarkers(
  trees: ReadonlyMap<string, Element>, starts: readonly PageStart[], marker: (page: number) => Element, openInside: ReadonlySet<string> = MARK_INSIDE,
): void {
  const blocks = new Map<string, Array<{ el: Element; parent: Element }>>();
  for (const [root, tree] of trees) {
    const list: Array<{ el: Element; parent: Element }> = [];
    visit(tree, 'element', (el: Element, _i, parent) => {
      if (el !== tree && TAGS.has(el.tagName)) list.push({ el, parent: parent as Element });
    });
    blocks.set(root, list);
  }
  const marks = new Set<ElementContent>();
  for (const start of starts) {
    const list = blocks.get(start.block.root);
    if (!list) continue;
    const found = list[start.block.index];
    if (!found) throw new Error(`print page ${start.page} starts at block ${start.block.index} of "${start.block.root}", which has ${list.length}`);
    const mark = marker(start.page) as ElementContent;
    marks.add(mark);
    // After the markers already there: a blank page's marker precedes the next page's.
    const leading = found.el.children.findIndex((c) => !marks.has(c));
    if (openInside.has(found.el.tagName)) found.el.children.splice(leading < 0 ? found.el.children.length : leading, 0, mark);
    else found.parent.children.splice(found.parent.children.indexOf(found.el), 0, mark);
  }
}
