import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { xmlSafeTree } from './to-xml.js';
import type { Element as XElement } from 'xast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import type { ContentsEntry } from '../assemble/contents-model.js';
import { hrefFor } from './epub-sections.js';

/** One print page as the ePub finds it: its number in the PDF and the place it starts. */
export interface PageTarget {
  readonly page: number;
  readonly href: string;
}

/**
 * The NCX, for reading systems that predate EPUB 3's nav: the same hierarchy and titles as
 * the nav document (parts → chapters → sections), nested navPoints in reading order, and the
 * print pages as a pageList. epub-gen-memory's own NCX was flat and numbered its entries.
 */
export function ncxDocument(assembled: AssembledBook, fileOfId: ReadonlyMap<string, string>, pages: readonly PageTarget[]): string {
  const { book } = assembled;
  // Entries that point at the same place share a playOrder, as the NCX requires.
  const orderOf = new Map<string, number>();
  const playOrder = (src: string) => String(orderOf.get(src) ?? orderOf.set(src, orderOf.size + 1).get(src));
  const depth = (entries: readonly ContentsEntry[]): number => entries.length === 0 ? 0 : 1 + Math.max(...entries.map((e) => depth(e.children)));
  const point = (e: ContentsEntry): XElement => x('navPoint', { id: `nav-${e.id}`, playOrder: playOrder(hrefFor(fileOfId, e.id)) }, [
    x('navLabel', [x('text', e.label && e.level === 1 ? `${e.label}: ${e.title}` : e.title)]),
    x('content', { src: hrefFor(fileOfId, e.id) }),
    ...e.children.map(point),
  ]);
  const navMap = x('navMap', assembled.contents.map(point));
  const pageList = pages.length === 0 ? [] : [x('pageList', [
    x('navLabel', [x('text', 'Print pages')]),
    ...pages.map((p) => x('pageTarget', { id: `page-target-${p.page}`, type: 'normal', value: String(p.page), playOrder: playOrder(p.href) }, [
      x('navLabel', [x('text', String(p.page))]),
      x('content', { src: p.href }),
    ])),
  ])];
  const tree = x('ncx', { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': book.language }, [
    x('head', [
      x('meta', { name: 'dtb:uid', content: book.identifier }),
      x('meta', { name: 'dtb:depth', content: String(depth(assembled.contents)) }),
      x('meta', { name: 'dtb:totalPageCount', content: String(pages.length) }),
      x('meta', { name: 'dtb:maxPageNumber', content: String(Math.max(0, ...pages.map((p) => p.page))) }),
    ]),
    x('docTitle', [x('text', book.title)]),
    ...book.authors.map((a) => x('docAuthor', [x('text', a.name)])),
    navMap,
    ...pageList,
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(xmlSafeTree(tree))}\n`;
}
