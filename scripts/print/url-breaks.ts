import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/** Tokens shorter than this fit a line as they are. */
const MIN_TOKEN = 24;
/** Elements whose text is laid out as written: listings (they wrap on their own), drawings. */
const SKIP_TAGS = new Set(['pre', 'svg', 'script', 'style', 'title']);

/**
 * A line-break opportunity (`<wbr>`) after each run of slashes in a long token of the print
 * edition's text (a URL or a path): it can then start on the line it is cited on and break at a
 * slash, where a reader expects it. `overflow-wrap: anywhere` (brand.css) alone moved a 138-
 * character URL to lines of its own, broken mid-word, and left the line before it spaced out.
 * Changes `tree`; returns how many breaks were added.
 */
export function breakLongUrls(tree: Root | Element): number {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && SKIP_TAGS.has(node.tagName)) return SKIP;
    if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('/')) return undefined;
    const pieces: ElementContent[] = [];
    let text = '';
    for (const token of node.value.split(/(\s+)/)) {
      if (token.length < MIN_TOKEN || /\s/.test(token)) {
        text += token;
        continue;
      }
      // "https://host/a/b" → "https://", "host/", "a/", "b": a break after each run of slashes.
      const parts = token.split(/(?<=\/)(?=[^/])/);
      for (const [i, part] of parts.entries()) {
        text += part;
        if (i === parts.length - 1) continue;
        pieces.push({ type: 'text', value: text }, { type: 'element', tagName: 'wbr', properties: {}, children: [] });
        text = '';
        count++;
      }
    }
    if (pieces.length === 0) return undefined;
    if (text) pieces.push({ type: 'text', value: text });
    parent.children.splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
  return count;
}
