import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/**
 * Normalisation shared by the seed and the built report before comparing text:
 * - Unicode NFC (the seed and the build may compose accents differently);
 * - typographic quotes to straight ones (the seed mixes both, the build makes them curly);
 * - the ellipsis character to three dots (smartypants turns `...` into `…`);
 * - every run of whitespace (line breaks, no-break and thin spaces) to one space,
 *   soft hyphens and zero-width characters removed.
 * Dashes are NOT folded: em (—), en (–) and hyphen (-) are kept as printed, so a dash
 * changed by the transcription or the build is a real difference.
 */
export function normaliseText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g, '')
    .replace(/[\s\u00A0\u2007\u2009\u200A\u202F]+/g, ' ')
    .trim();
}

/** Elements whose text is a block of its own: a separator goes around them. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'body', 'html',
]);

export function classes(el: Element): string[] {
  const c: unknown = el.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

export function hasClass(el: Element, name: string): boolean {
  return classes(el).includes(name);
}

/**
 * Text content of a hast tree with a newline around every block element, skipping the
 * elements `skip` returns true for (and always script/style/template).
 */
export function textOf(node: Nodes, skip: (el: Element) => boolean = () => false): string {
  const out: string[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'text') {
      out.push(n.value);
      return;
    }
    if (n.type === 'element') {
      if (['script', 'style', 'template'].includes(n.tagName) || skip(n)) return;
      const block = BLOCK.has(n.tagName);
      if (block) out.push('\n');
      for (const c of n.children) walk(c as Nodes);
      if (block) out.push('\n');
      return;
    }
    if (n.type === 'root') for (const c of n.children) walk(c as Nodes);
  };
  walk(node);
  return out.join('');
}

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

/** Every element of the tree, in document order. */
export function allElements(node: Nodes): Element[] {
  const out: Element[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'element') out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(node);
  return out;
}

export function findAll(node: Nodes, test: (el: Element) => boolean): Element[] {
  return allElements(node).filter(test);
}

export function findFirst(node: Nodes, test: (el: Element) => boolean): Element | undefined {
  return allElements(node).find(test);
}
