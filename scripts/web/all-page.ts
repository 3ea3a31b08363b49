import { h } from 'hastscript';
import type { Element } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';
import { ensureCodeContrast } from './code-contrast.js';
import { addChartDownloads } from './chart-downloads.js';
import { chartDataAfterFigures } from '../assemble/chart-data-after-figure.js';
import { addHeadingAnchors } from './heading-anchors.js';
import type { BookSection, SitePlan } from './site-plan.js';
import { addPageAnchorSlots } from './page-anchors.js';

/** Where "read all"'s main has its sections: the page's HTML gets each section's (allSection) in its place. */
export const ALL_SECTIONS = '\uFDD1sections\uFDD1';

/**
 * "Read all": every section on one page, in the book's own heading structure, with in-page
 * contents; every print page's anchor is on it too (the printed contents' pages at its contents),
 * in slots (page-anchors.ts). Made in pieces, so that after an edit only the edited section's
 * is made again (cached-pages.ts): the frame, the title and contents, with a place for the
 * sections (ALL_SECTIONS), and each section, serialised on its own.
 */
export function allFrame(assembled: AssembledBook): { main: Element; slots: number } {
  const contents = contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 });
  (contents.children[0] as Element).tagName = 'h2';
  const slots = addPageAnchorSlots(new Map([['contents', contents]]));
  const main = h('div.page-content', [
    h('h1.all-title', `${assembled.book.title}: the whole report`),
    contents,
    { type: 'raw', value: ALL_SECTIONS } as unknown as Element,
  ]);
  return { main, slots };
}

/** One section as "read all" shows it (its commentaries were named apart through the book when it was assembled). */
export function allSection(section: BookSection, plan: SitePlan): { element: Element; slots: number } {
  const element = structuredClone(section.element);
  const slots = addPageAnchorSlots(new Map([[section.id, element]]));
  addHeadingAnchors(element);
  chartDataAfterFigures(element);
  addChartDownloads(element, plan.all.path);
  ensureCodeContrast(element);
  return { element, slots };
}
