import { toHtml } from 'hast-util-to-html';
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/** Serialises hast as XHTML: closed void elements, numeric character references, quoted attributes. */
export function toXhtml(node: Root | Element): string {
  // XML has no attribute minimisation: `data-footnote-ref` must be written `data-footnote-ref=""`.
  visit(node, 'element', (el: Element) => {
    for (const [key, value] of Object.entries(el.properties)) if (value === true) el.properties[key] = '';
  });
  return toHtml(node, {
    allowDangerousHtml: true,
    closeSelfClosing: true,
    closeEmptyElements: false,
    tightSelfClosing: false,
    characterReferences: { useNamedReferences: false, useShortestReferences: false },
    collapseEmptyAttributes: false,
    allowParseErrors: false,
    space: 'html',
    quote: '"',
    quoteSmart: false,
  });
}
