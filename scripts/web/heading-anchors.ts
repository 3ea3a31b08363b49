import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { headingTextId } from '../assemble/page-ids.js';

/**
 * Gives every content heading with an id a visible `#` link to itself, for sharing. The
 * heading is named by its text alone (aria-labelledby), so screen readers' lists of headings
 * do not repeat "Link to …"; the link's own name says where it goes.
 * Headings that name a landmark (aria-labelledby elsewhere) are left alone: the landmark
 * would take the link's words into its name.
 */
export function addHeadingAnchors(tree: Element): void {
  const namesSomething = new Set<string>();
  visitOutsideSvg(tree, (node) => {
    const refs: unknown = node.properties.ariaLabelledBy;
    for (const id of Array.isArray(refs) ? refs : typeof refs === 'string' ? refs.split(/\s+/) : []) namesSomething.add(String(id));
  });
  visitOutsideSvg(tree, (node) => {
    const id = node.properties.id;
    if (!headingRank(node) || typeof id !== 'string' || namesSomething.has(id)) return;
    const text = toString(node).trim();
    const textId = headingTextId(id);
    node.properties.ariaLabelledBy = [textId];
    node.children = [
      h('span.heading-text', { id: textId }, node.children as ElementContent[]),
      // The `#` is drawn by CSS: the heading's text stays its words alone (copy, search, tools).
      h('a.heading-anchor', { href: `#${id}`, ariaLabel: `Link to this section: ${text}` }),
    ];
  });
}
