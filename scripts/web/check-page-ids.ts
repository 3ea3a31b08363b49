import type { Element, Root, RootContent } from 'hast';
import { inlineSvgIds } from '../chapters/inline-svg-ids.js';

/**
 * The web page's own guarantee that no id is there twice (compared without case, ids inside the
 * inline SVG included): the book's allocator (assemble/unique-book-ids.ts) makes that so by
 * construction, so a failure here is a bug in the pipeline, named with the page and the id.
 * `seen`: the ids (without case) already found elsewhere on the page; returns them with the tree's.
 */
export function checkPageIds(tree: Root | Element, page: string, seen = new Set<string>()): Set<string> {
  const add = (id: string) => {
    const folded = id.toLowerCase();
    if (seen.has(folded)) throw new Error(`internal error: the web page ${page} holds the id "${id}" twice; this is a bug in the id allocator, please report it`);
    seen.add(folded);
  };
  const walk = (children: readonly RootContent[]) => {
    for (const child of children) {
      if (child.type === 'element') {
        if (typeof child.properties.id === 'string') add(child.properties.id);
        walk(child.children);
      } else if ((child as { type: string }).type === 'raw') for (const id of inlineSvgIds((child as unknown as { value: string }).value)) add(id);
    }
  };
  walk([tree as RootContent]);
  return seen;
}

/** Adds ids (as checkPageIds gives them: without case) found elsewhere on the page, refusing one already there. */
export function addPageIds(seen: Set<string>, ids: Iterable<string>, page: string): void {
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`internal error: the web page ${page} holds the id "${id}" twice; this is a bug in the id allocator, please report it`);
    seen.add(id);
  }
}
