import { h } from 'hastscript';
import type { Element } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';
import { formatBytes, type Download } from './downloads.js';
import { searchForm } from './search-form.js';
import { addCoverAnchors, addPageAnchors } from './page-anchors.js';
import type { PageStart } from '../output/page-starts.js';
import { relativeHref, type SitePlan } from './site-plan.js';
import { PAGE_IDS } from '../assemble/page-ids.js';

/**
 * The landing page: the cover, the download box and search, then the contents linking every
 * page; the printed cover's and contents' pages have their anchors in them.
 */
export function landingMain(assembled: AssembledBook, plan: SitePlan, downloads: readonly Download[], pageStarts: readonly PageStart[] = []): Element {
  const from = plan.landing.path;
  const pageOf = new Map(plan.sections.map((p) => [p.id, p.path]));
  const contents = contentsElement(assembled.contents, {
    href: (e) => relativeHref(from, pageOf.get(e.chapter)!, e.level === 3 ? e.id : undefined),
    depth: 3,
  });
  const title = contents.children[0] as Element;
  title.tagName = 'h2';
  addPageAnchors(new Map([['contents', contents]]), pageStarts);
  const cover = structuredClone(assembled.cover);
  addCoverAnchors(cover, pageStarts);
  return h('div.page-content', [
    cover,
    h('div.landing-intro', [
      h('p.landing-description', assembled.book.description),
      h('div.landing-actions', [
        h('section.downloads', { ariaLabelledBy: [PAGE_IDS.downloadsTitle] }, [
          h('h2', { id: PAGE_IDS.downloadsTitle }, 'Download the report'),
          h('ul', downloads.map((d) => h('li', [
            h('a', { href: relativeHref(from, d.href) }, d.label),
            h('span.download-detail', ` ${d.detail}${d.bytes === undefined ? '' : `, ${formatBytes(d.bytes)}`}`),
          ]))),
        ]),
        h('div.landing-search', [
          searchForm(relativeHref(from, plan.search.path), 'landing-search'),
          h('p', [h('a', { href: relativeHref(from, plan.all.path) }, 'Read the whole report on one page')]),
        ]),
      ]),
    ]),
    contents,
  ]);
}
