import type { Element as HastElement, Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { Element as XastElement, ElementContent as XastContent, Nodes as XastNodes, Root as XastRoot } from 'xast';
import { find, html, svg, type Schema } from 'property-information';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { isForbiddenCharacter } from '../config/source-characters.js';
import { isPageSlot, pageSlotText } from '../output/page-marker-slots.js';

/**
 * Serialises the ePub's documents as XML (issue 21, class 1). An HTML serialiser wrote a `<` in
 * an attribute (an `aria-label` quoting `a < b`) and a control character as they were, and the
 * chapter was not XML: e-readers refuse to open it. Here the hast tree becomes an xast tree,
 * which xast-util-to-xml writes with XML's escapes; the build's inline SVG (raw strings) is parsed
 * as XML on the way, so it is checked too. Characters XML forbids are dropped: the chapters'
 * sources are refused when they hold one (load-chapters.ts), but book.yaml and the survey's
 * labels also reach the ePub, and their loaders do not refuse them (yet).
 */
export function hastToXml(node: HastRoot | HastElement): string {
  const tree = toXast(node, html);
  return toXml(tree as XastRoot, { allowDangerousXml: true, closeEmptyElements: false });
}

/** Drops the characters XML forbids from every text and attribute value of an xast tree (the OPF, the NCX). */
export function xmlSafeTree<T extends XastNodes>(tree: T): T {
  const walk = (node: XastNodes) => {
    if (node.type === 'text') node.value = xmlSafe(node.value);
    if (node.type === 'element') {
      for (const [key, value] of Object.entries(node.attributes)) if (typeof value === 'string') node.attributes[key] = xmlSafe(value);
    }
    if ('children' in node) (node.children as XastNodes[]).forEach(walk);
  };
  walk(tree);
  return tree;
}

/** The text without the characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates) and the C1 controls. */
export function xmlSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!isForbiddenCharacter(cp)) out += text.slice(i, i + width);
    i += width;
  }
  return out;
}

/** Text as XML character data: `&`, `<` and `>` escaped (`]]>` may not appear in text). */
function escapeText(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function toXast(node: HastNodes, schema: Schema): XastNodes | XastNodes[] | undefined {
  switch (node.type) {
    case 'root':
      return { type: 'root', children: node.children.flatMap((c) => contents(c, schema)) };
    case 'element':
      return element(node, schema);
    case 'text':
      // Escaped here (xast-util-to-xml leaves `>`); emitted as raw so it is not escaped twice.
      return { type: 'raw', value: escapeText(node.value) } as unknown as XastNodes;
    case 'doctype':
      return { type: 'doctype', name: 'html' };
    case 'comment':
      // Nothing the build writes needs one, and `--` inside a comment is not XML; but a page
      // slot is kept, for its page-break marker (output/page-marker-slots.ts).
      return isPageSlot(node) ? { type: 'raw', value: pageSlotText(node) } as unknown as XastNodes : undefined;
    default: {
      const raw = node as unknown as { type: string; value?: string };
      if (raw.type === 'raw') return inlineXml(raw.value ?? '');
      throw new Error(`internal error: the ePub's XML writer met a ${raw.type} node`);
    }
  }
}

function contents(node: HastNodes, schema: Schema): XastContent[] {
  const result = toXast(node, schema);
  if (result === undefined) return [];
  return (Array.isArray(result) ? result : [result]) as XastContent[];
}

/**
 * HTML's void elements, written `<img … />`; every other element gets its end tag, `<span></span>`:
 * a reading system (or a test) that parses the file as HTML takes `<span/>` for an open tag.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function element(node: HastElement, parentSchema: Schema): XastContent {
  const schema = node.tagName === 'svg' ? svg : parentSchema;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.properties)) {
    const info = find(schema, key);
    if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) continue;
    // XML has no attribute minimisation: `hidden` is written `hidden=""`.
    const text = value === true ? '' : Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
    attributes[info.attribute] = xmlSafe(text);
  }
  if (node.tagName === 'svg' && parentSchema !== svg && attributes.xmlns === undefined) attributes.xmlns = 'http://www.w3.org/2000/svg';
  const children = node.children.flatMap((c) => contents(c, schema));
  const result: XastElement = { type: 'element', name: node.tagName, attributes, children };
  if (schema === html && VOID.has(node.tagName) && children.length === 0) {
    return { type: 'raw', value: toXml(result, { closeEmptyElements: true }) } as unknown as XastContent;
  }
  return result;
}

/**
 * The build's inline SVG (charts, figures), parsed as XML: it is part of the document and must
 * be XML too. Wrapped in an element so that leading text or several roots parse; the XHTML
 * namespace of the wrapper is what the SVG's own `xmlns` overrides.
 */
function inlineXml(raw: string): XastContent[] {
  let tree: XastRoot;
  try {
    tree = fromXml(`<inline xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink">${xmlSafe(raw)}</inline>`);
  } catch (e) {
    throw new Error(`internal error: an inline SVG the build made is not well-formed XML (${(e as Error).message}): ${raw.slice(0, 120)}…`);
  }
  const wrapper = xmlSafeTree(tree.children.find((c): c is XastElement => c.type === 'element')!);
  return wrapper.children.flatMap(escapedContent);
}

/** Parsed XML ready to be written again: text escaped as escapeText does, comments and instructions dropped. */
function escapedContent(node: XastContent): XastContent[] {
  if (node.type === 'text' || node.type === 'cdata') return [{ type: 'raw', value: escapeText(node.value) } as unknown as XastContent];
  if (node.type !== 'element') return [];
  return [{ ...node, children: node.children.flatMap(escapedContent) }];
}
