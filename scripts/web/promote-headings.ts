import type { Element } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';

/**
 * In the book a chapter inside a part has an h2 title (the part is the h1). Alone on its web
 * page the chapter is the page's subject, so its title becomes the h1 and every heading in it
 * moves up by as much: the outline keeps its shape, without a missing first level.
 */
export function promoteHeadings(section: Element): Element {
  let titleRank: number | undefined;
  visitOutsideSvg(section, (node) => {
    const cls = (node.properties.className as string[] | undefined) ?? [];
    if (titleRank === undefined && (cls.includes('chapter-title') || cls.includes('part-title'))) titleRank = headingRank(node);
  });
  const shift = (titleRank ?? 1) - 1;
  if (shift <= 0) return section;
  visitOutsideSvg(section, (node) => {
    const rank = headingRank(node);
    if (rank) node.tagName = `h${Math.max(1, rank - shift)}`;
  });
  return section;
}
