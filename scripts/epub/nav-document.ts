import { h } from 'hastscript';
import type { Element } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import type { ContentsEntry } from '../assemble/contents-model.js';
import { hrefFor, sectionDocument } from './epub-sections.js';
import type { PageTarget } from './ncx-document.js';
import { EPUB_FILES } from '../chapters/edition-names.js';
import { PAGE_IDS } from '../assemble/page-ids.js';

/**
 * The navigation document: the contents (parts → chapters → sections, the same entries as
 * the printed contents), a list of figures and charts, the landmarks, and the print pages.
 */
export function navDocument(assembled: AssembledBook, fileOfId: ReadonlyMap<string, string>, firstChapterId: string, pages: readonly PageTarget[] = []): Element {
  const list = (entries: readonly ContentsEntry[]): Element =>
    h('ol', entries.map((e) => h('li', [
      h('a', { href: hrefFor(fileOfId, e.id) }, e.label && e.level === 1 ? `${e.label}: ${e.title}` : e.title),
      e.children.length > 0 ? list(e.children) : null,
    ].filter((x) => x !== null) as Element[])));
  return sectionDocument(assembled.book.language, 'Contents', [
    h('nav', { 'epub:type': 'toc', role: 'doc-toc', id: PAGE_IDS.toc, ariaLabelledBy: [PAGE_IDS.tocTitle] }, [h('h1', { id: PAGE_IDS.tocTitle }, 'Contents'), list(assembled.contents)]),
    h('nav', { 'epub:type': 'loi', id: PAGE_IDS.loi, ariaLabelledBy: [PAGE_IDS.loiTitle] }, [
      h('h2', { id: PAGE_IDS.loiTitle }, 'Figures and charts'),
      h('ol', assembled.figures.map((f) => h('li', h('a', { href: hrefFor(fileOfId, f.id) }, `${f.kind === 'chart' ? 'Chart' : 'Figure'} ${f.number}. ${f.title}`)))),
    ]),
    h('nav', { 'epub:type': 'landmarks', id: PAGE_IDS.landmarks, ariaLabelledBy: [PAGE_IDS.landmarksTitle] }, [
      h('h2', { id: PAGE_IDS.landmarksTitle }, 'Landmarks'),
      h('ol', [
        h('li', h('a', { 'epub:type': 'cover', href: EPUB_FILES.cover }, 'Cover')),
        h('li', h('a', { 'epub:type': 'toc', href: `${EPUB_FILES.nav}#${PAGE_IDS.toc}` }, 'Contents')),
        h('li', h('a', { 'epub:type': 'bodymatter', href: hrefFor(fileOfId, firstChapterId) }, 'Start of the report')),
      ]),
    ]),
    ...(pages.length === 0 ? [] : [h('nav', { 'epub:type': 'page-list', id: PAGE_IDS.pageList, ariaLabelledBy: [PAGE_IDS.pageListTitle] }, [
      h('h2', { id: PAGE_IDS.pageListTitle }, 'Print pages'),
      h('ol', pages.map((p) => h('li', h('a', { href: p.href }, String(p.page))))),
    ])]),
  ]);
}
