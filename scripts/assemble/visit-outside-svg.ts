import type { Element, Root, RootContent } from 'hast';

/**
 * Calls `visitor` on every element of the tree, in document order, without entering `<svg>`
 * (the svg element itself is visited). The charts' SVG is most of a Part II page's nodes and
 * holds no headings, figures, asides, code or links: the passes that look for
 * those would otherwise spend most of their time inside it (the dev server's live reload
 * runs them all on every save). A plain loop, without unist-util-visit's per-node overhead.
 */
export function visitOutsideSvg(tree: Root | Element, visitor: (node: Element) => void): void {
  const walk = (children: readonly RootContent[]) => {
    for (const child of children) {
      if (child.type !== 'element') continue;
      visitor(child);
      if (child.tagName !== 'svg') walk(child.children);
    }
  };
  if (tree.type === 'element') {
    visitor(tree);
    if (tree.tagName === 'svg') return;
  }
  walk(tree.children);
}
