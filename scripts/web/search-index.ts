import type { Element, ElementContent } from 'hast';
import MiniSearch from 'minisearch';
import { headingRank } from 'hast-util-heading-rank';
import { packIndex } from './search-codec.js';
import { INDEX_OPTIONS, type SearchDocument } from './search-options.js';

/**
 * Parts of a page that are not the report's prose: pictures, navigation, and the charts' data
 * tables (their numbers would double the index; a chart's question is indexed from its
 * figure's name, since the caption leaves it to the drawing).
 */
const SKIPPED = new Set(['svg', 'nav', 'script', 'style', 'details']);
/** Classes of the site's own words around the report's: link symbols, breadcrumbs, download links. */
const NOT_TEXT = ['heading-anchor', 'visually-hidden', 'breadcrumb', 'chart-download'];
const EXCERPT = 140;

/** One page's documents, before the index numbers them. */
export type PageDocuments = Array<Omit<SearchDocument, 'id'>>;

/**
 * Splits each page's section at its h1–h3 headings into documents (title, chapter, text) and
 * indexes them with MiniSearch at build time; the page ships the index, packed.
 */
export function searchIndexJson(pages: ReadonlyArray<{ path: string; chapter: string; element: Element }>): string {
  return searchIndexOf(pages.map((p) => documentsOf(p.path, p.chapter, p.element)));
}

/** The index of the pages' documents, in page order (the web build keeps each page's documents in its cache). */
export function searchIndexOf(pages: readonly PageDocuments[]): string {
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(pages.flat().map((d, id) => ({ ...d, id })));
  return JSON.stringify(packIndex(index.toJSON()));
}

/** A page's documents: its text from one h1–h3 heading to the next (page slots and anchors have none). */
export function documentsOf(path: string, chapter: string, element: Element): PageDocuments {
  const docs: Array<{ title: string; url: string; parts: string[] }> = [{ title: chapter, url: path, parts: [] }];
  const walk = (node: ElementContent) => {
    if (node.type === 'text') docs.at(-1)!.parts.push(node.value);
    if (node.type !== 'element' || SKIPPED.has(node.tagName)) return;
    const cls = (node.properties.className as string[] | undefined) ?? [];
    if (NOT_TEXT.some((c) => cls.includes(c))) return;
    if (node.tagName === 'figure' && cls.includes('chart') && typeof node.properties.ariaLabel === 'string') docs.at(-1)!.parts.push(node.properties.ariaLabel, ' ');
    const rank = headingRank(node);
    if (rank && rank <= 3 && typeof node.properties.id === 'string') {
      const isTitle = cls.includes('chapter-title') || cls.includes('part-title');
      const title = textOf(node);
      if (isTitle) docs.at(-1)!.title = title;
      else docs.push({ title, url: `${path}#${node.properties.id}`, parts: [] });
      return;
    }
    node.children.forEach(walk);
    docs.at(-1)!.parts.push(' ');
  };
  element.children.forEach(walk);
  return docs
    .map((d) => ({ title: d.title, chapter, url: d.url, text: d.parts.join('').replace(/\s+/g, ' ').trim() }))
    .filter((d) => d.text.length > 0 || d.url === path)
    .map((d) => ({ ...d, excerpt: excerptOf(d.text) }));
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  const cls = (node.properties.className as string[] | undefined) ?? [];
  if (cls.includes('heading-anchor')) return '';
  return node.children.map(textOf).join('').replace(/\s+/g, ' ').trim();
}

function excerptOf(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = text.lastIndexOf(' ', EXCERPT);
  return `${text.slice(0, cut > 0 ? cut : EXCERPT)}…`;
}
