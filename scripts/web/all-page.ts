import { h } from 'hastscript';
import type { Element } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';
import { ensureCodeContrast } from './code-contrast.js';
import { addChartDownloads } from './chart-downloads.js';
import { addHeadingAnchors } from './heading-anchors.js';
import { nameCommentaries } from './name-commentaries.js';
import type { SitePlan } from './site-plan.js';
import { addPageAnchorSlots } from './page-anchors.js';

/**
 * "Read all": every section on one page, in the book's own heading structure, with in-page
 * contents; every print page's anchor is on it too (the printed contents' pages at its contents),
 * in the slots it says how many of (page-anchors.ts), with the ids of the trees they are in.
 */
export function allMain(assembled: AssembledBook, plan: SitePlan): { main: Element; slots: number; roots: string[] } {
  const sections = assembled.sections.map((s) => ({ id: s.id, element: structuredClone(s.element) }));
  const contents = contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 });
  (contents.children[0] as Element).tagName = 'h2';
  const trees = new Map([...sections.map((s) => [s.id, s.element] as const), ['contents', contents]]);
  const slots = addPageAnchorSlots(trees);
  for (const { element } of sections) {
    addHeadingAnchors(element);
    addChartDownloads(element, plan.all.path);
  }
  // One pass over the whole page: an expert commenting in two chapters is named apart.
  const body = h('div', sections.map((s) => s.element));
  nameCommentaries(body);
  ensureCodeContrast(body);
  const main = h('div.page-content', [
    h('h1.all-title', `${assembled.book.title}: the whole report`),
    contents,
    ...body.children,
  ]);
  return { main, slots, roots: [...trees.keys()] };
}
