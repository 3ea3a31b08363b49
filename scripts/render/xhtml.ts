import { toHtml } from 'hast-util-to-html';
import type { Root, Element, Text } from 'hast';
import { visit } from 'unist-util-visit';

/** hast-util-to-html's settings for XHTML (see toXhtml). */
const OPTIONS = {
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
} as const;

/** Serialises hast as XHTML: closed void elements, numeric character references, quoted attributes. */
export function toXhtml(node: Root | Element): string {
  // XML has no attribute minimisation: `data-footnote-ref` must be written `data-footnote-ref=""`.
  visit(node, 'element', (el: Element) => {
    for (const [key, value] of Object.entries(el.properties)) if (value === true) el.properties[key] = '';
  });
  // The HTML serializer escapes `&` and `<` in text, not `>`: text holding `]]>` (a figure's
  // label, a survey answer) made the file ill-formed XML (EPUBCheck FATAL; resvg refused a chart).
  visit(node, 'text', (text: Text, index, parent) => {
    if (!text.value.includes('>') || index === undefined || !parent) return;
    if (parent.type === 'element' && (parent.tagName === 'style' || parent.tagName === 'script')) return;
    parent.children[index] = { type: 'raw', value: toHtml(text, OPTIONS).replaceAll('>', '&#x3E;') };
  });
  return toHtml(node, OPTIONS);
}
