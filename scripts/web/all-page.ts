import { h } from 'hastscript';
import type { Element } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';
import { ensureCodeContrast } from './code-contrast.js';
import { addChartDownloads } from './chart-downloads.js';
import { addHeadingAnchors } from './heading-anchors.js';
import { nameCommentaries } from './name-commentaries.js';
import type { SitePlan } from './site-plan.js';
import { addPageAnchors } from './page-anchors.js';
import type { PageStart } from '../output/page-starts.js';

/**
 * "Read all": every section on one page, in the book's own heading structure, with in-page
 * contents; every print page's anchor is on it too (the printed contents' pages at its contents).
 */
export function allMain(assembled: AssembledBook, plan: SitePlan, pageStarts: readonly PageStart[] = []): Element {
  const sections = assembled.sections.map((s) => ({ id: s.id, element: structuredClone(s.element) }));
  const contents = contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 });
  (contents.children[0] as Element).tagName = 'h2';
  addPageAnchors(new Map([...sections.map((s) => [s.id, s.element] as const), ['contents', contents]]), pageStarts);
  for (const { element } of sections) {
    addHeadingAnchors(element);
    addChartDownloads(element, plan.all.path);
  }
  // One pass over the whole page: an expert commenting in two chapters is named apart.
  const body = h('div', sections.map((s) => s.element));
  nameCommentaries(body);
  ensureCodeContrast(body);
  return h('div.page-content', [
    h('h1.all-title', `${assembled.book.title}: the whole report`),
    contents,
    ...body.children,
  ]);
}
