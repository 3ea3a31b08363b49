import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { contentsElement } from '../assemble/contents-element.js';
import { addChartDownloads } from './chart-downloads.js';
import { chartDataAfterFigures } from '../assemble/chart-data-after-figure.js';
import { chapterToc } from './chapter-toc.js';
import { ensureCodeContrast } from './code-contrast.js';
import { addHeadingAnchors } from './heading-anchors.js';
import { addPageAnchorSlots } from './page-anchors.js';
import { promoteHeadings } from './promote-headings.js';
import { relativeHref, type SitePlan, type WebPage } from './site-plan.js';
import { PAGE_IDS } from '../assemble/page-ids.js';

/**
 * The main content of one section's page: where it sits (its part), the section itself with
 * its headings promoted and linkable, the chapter's own contents, and previous/next links.
 * It has a slot wherever a print page may start, for that page's anchor (page-anchors.ts), and
 * says how many. Links to other pages are rewritten afterwards, once every page's ids are known.
 */
export function sectionMain(plan: SitePlan, page: WebPage): { main: Element; slots: number } {
  const section = page.section!;
  const to = (path: string, fragment?: string) => relativeHref(page.path, path, fragment);
  const copy = structuredClone(section.element);
  // First: the print stage counted the blocks of the section as assembled.
  const slots = addPageAnchorSlots(new Map([[section.id, copy]]));
  const element = promoteHeadings(copy);
  const toc = chapterToc(element);
  addHeadingAnchors(element);
  chartDataAfterFigures(element);
  addChartDownloads(element, page.path);
  ensureCodeContrast(element);
  if (toc) {
    const header = element.children.findIndex((c) => c.type === 'element' && c.tagName === 'header');
    element.children.splice(header + 1, 0, toc);
  }
  const partPage = page.part ? plan.sections.find((p) => p.id === page.part!.id) : undefined;
  const main = h('div.page-content', [
    partPage ? h('p.breadcrumb', h('a', { href: to(partPage.path) }, `${page.part!.label ?? 'Part'}: ${page.part!.title}`)) : null,
    element,
    section.kind === 'part' && page.entry ? partContents(plan, page) : null,
    pager(plan, page),
  ].filter((x) => x !== null) as ElementContent[]);
  return { main, slots };
}

/** A part opener's page lists the part's chapters, with their authors and sections. */
function partContents(plan: SitePlan, page: WebPage): Element {
  const pageOf = new Map(plan.sections.map((p) => [p.id, p.path]));
  const nav = contentsElement(page.entry!.children, {
    href: (e) => relativeHref(page.path, pageOf.get(e.chapter)!, e.level === 3 ? e.id : undefined),
    depth: 3,
  });
  nav.properties = { ...nav.properties, id: PAGE_IDS.partContents, ariaLabelledBy: [PAGE_IDS.partContentsTitle], className: ['toc', 'part-contents'] };
  const title = nav.children[0] as Element;
  title.tagName = 'h2';
  title.properties = { ...title.properties, id: PAGE_IDS.partContentsTitle };
  title.children = [{ type: 'text', value: 'In this part' }];
  return nav;
}

/** Previous and next in reading order; before the first section comes the cover. */
function pager(plan: SitePlan, page: WebPage): Element {
  const order = [plan.landing, ...plan.sections];
  const i = order.findIndex((p) => p.path === page.path);
  const link = (target: WebPage | undefined, rel: 'prev' | 'next') => target
    ? h(`a.pager-${rel}`, { href: relativeHref(page.path, target.path), rel }, [
        h('span.pager-label', rel === 'prev' ? 'Previous' : 'Next'),
        h('span.pager-title', target.kind === 'landing' ? 'Cover and contents' : target.title),
      ])
    : h('span');
  return h('nav.pager', { ariaLabel: 'Previous and next' }, [link(order[i - 1], 'prev'), link(order[i + 1], 'next')]);
}
