import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { xmlSafeTree } from './to-xml.js';
import type { BookConfig } from '../config/load-book.js';
import type { Contributor } from './book-contributors.js';

export interface ManifestItem {
  readonly id: string;
  readonly href: string;
  readonly mediaType: string;
  readonly properties?: string;
  readonly inSpine?: boolean;
}

/** ISO date-time without milliseconds, as dcterms:modified requires. */
export function epubDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/**
 * The package document (OPF), built as an XML tree: stable identifier, creators and
 * contributors with their MARC roles, dates from the sources, schema.org accessibility
 * metadata, and manifest properties (nav, svg, cover-image) that epub-gen-memory does not set.
 * With `pageSource` (the print edition the page list follows), the pagination source.
 */
export function packageDocument(book: BookConfig, items: readonly ManifestItem[], contributors: readonly Contributor[] = [], pageSource?: string): string {
  const meta = (property: string, value: string, attrs: Record<string, string> = {}) => x('meta', { property, ...attrs }, value);
  const tree = x('package', {
    xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', 'xml:lang': book.language,
    prefix: 'a11y: http://www.idpf.org/epub/vocab/package/a11y/#',
  }, [
    x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, [
      x('dc:identifier', { id: 'book-id' }, book.identifier),
      x('dc:title', { id: 'title' }, book.title),
      meta('title-type', 'main', { refines: '#title' }),
      ...(book.subtitle ? [x('dc:title', { id: 'subtitle' }, book.subtitle), meta('title-type', 'subtitle', { refines: '#subtitle' })] : []),
      ...book.authors.flatMap((a, i) => [x('dc:creator', { id: `creator-${i}` }, a.name), meta('role', 'aut', { refines: `#creator-${i}`, scheme: 'marc:relators' })]),
      ...contributors.flatMap((c, i) => [
        x('dc:contributor', { id: `contributor-${i}` }, c.name),
        ...c.roles.map((role) => meta('role', role, { refines: `#contributor-${i}`, scheme: 'marc:relators' })),
      ]),
      x('dc:publisher', book.publisher),
      x('dc:language', book.language),
      x('dc:date', book.date),
      x('dc:description', book.description),
      ...book.subjects.map((s) => x('dc:subject', s)),
      x('dc:rights', `© ${book.year} ${book.publisher}`),
      ...(pageSource ? [
        x('dc:source', { id: 'page-source' }, pageSource),
        meta('source-of', 'pagination', { refines: '#page-source' }),
        meta('schema:accessibilityFeature', 'printPageNumbers'),
        meta('schema:accessibilityFeature', 'pageNavigation'),
      ] : []),
      meta('dcterms:modified', epubDate(book.modified)),
      meta('schema:accessMode', 'textual'),
      meta('schema:accessMode', 'visual'),
      meta('schema:accessModeSufficient', 'textual'),
      ...['structuralNavigation', 'tableOfContents', 'alternativeText', 'longDescription', 'readingOrder', 'displayTransformability'].map((f) => meta('schema:accessibilityFeature', f)),
      meta('schema:accessibilityHazard', 'none'),
      meta('schema:accessibilitySummary', 'The report is structured with headings, a navigable table of contents and a list of figures. Every figure and chart has a text alternative, and every chart\'s numbers are also given as a data table.'),
      meta('dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA'),
      x('link', { rel: 'dcterms:conformsTo', href: 'http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa' }),
      meta('a11y:certifiedBy', book.publisher),
      x('meta', { name: 'cover', content: 'cover-image' }),
    ]),
    x('manifest', items.map((i) => x('item', { id: i.id, href: i.href, 'media-type': i.mediaType, ...(i.properties ? { properties: i.properties } : {}) }))),
    x('spine', { toc: 'ncx' }, items.filter((i) => i.inSpine).map((i) => x('itemref', { idref: i.id }))),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(xmlSafeTree(tree))}\n`;
}
