import { h } from 'hastscript';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { headingRank } from 'hast-util-heading-rank';
import { PAGE_IDS } from '../assemble/page-ids.js';

interface TocItem {
  readonly id: string;
  readonly text: string;
  readonly children: TocItem[];
}

/**
 * The current chapter's sections (h2, with their h3) as a nav, or null for a chapter with
 * fewer than two sections. Read from the page's own headings, after they were promoted.
 */
export function chapterToc(section: Element): Element | null {
  const items: TocItem[] = [];
  visitOutsideSvg(section, (node) => {
    const rank = headingRank(node);
    const id = node.properties.id;
    if ((rank !== 2 && rank !== 3) || typeof id !== 'string') return;
    const item = { id, text: toString(node).trim(), children: [] };
    if (rank === 2) items.push(item);
    else items.at(-1)?.children.push(item);
  });
  if (items.length < 2) return null;
  // The inner box is what stays in view (sticky) when wide screens show the nav beside the text.
  return h('nav.chapter-toc', { ariaLabelledBy: [PAGE_IDS.chapterTocTitle] }, h('div.chapter-toc-box', [
    h('p.chapter-toc-title', { id: PAGE_IDS.chapterTocTitle }, 'In this chapter'),
    list(items),
  ]));
}

function list(items: readonly TocItem[]): Element {
  return h('ol.chapter-toc-list', items.map((i) => h('li', [
    h('a', { href: `#${i.id}` }, i.text),
    i.children.length > 0 ? list(i.children) : null,
  ].filter((x) => x !== null) as Element[])));
}
