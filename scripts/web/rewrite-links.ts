import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { relativeHref } from './site-plan.js';

/** Which page holds each id, so a `#id` link can point at the page it lives on. */
export function pagesOfIds(pages: ReadonlyArray<{ path: string; tree: Element }>): Map<string, string> {
  const pageOf = new Map<string, string>();
  for (const { path, tree } of pages) {
    visit(tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && !pageOf.has(id)) pageOf.set(id, path);
    });
  }
  return pageOf;
}

/**
 * Rewrites `#id` links whose id is on another page to that page (`../python-now/index.html#id`),
 * as the ePub does for its files. Links to ids on no page are left for the link test to report.
 */
export function rewriteLinks(tree: Element, fromPath: string, pageOf: ReadonlyMap<string, string>): void {
  // An id on this page is this page's, whichever page first used it.
  const here = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') here.add(node.properties.id);
  });
  visitOutsideSvg(tree, (node) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || href.length < 2) return;
    const id = decodeURIComponent(href.slice(1));
    if (here.has(id)) return;
    const page = pageOf.get(id);
    if (page && page !== fromPath) node.properties.href = relativeHref(fromPath, page, id);
  });
}
