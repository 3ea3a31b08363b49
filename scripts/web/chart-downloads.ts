import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { csvPath } from './chart-csv.js';
import { relativeHref } from './site-plan.js';

/**
 * Adds a link to each chart's CSV file after its data table (before the caption, which must
 * stay the figure's last child). Plain HTML: it works without the chart script.
 */
export function addChartDownloads(tree: Element, pagePath: string): void {
  visitOutsideSvg(tree, (node) => {
    const question = node.properties.dataQuestion;
    if (node.tagName !== 'figure' || typeof question !== 'string') return;
    const title = figureTitle(node);
    const link = h('p.chart-download', [
      h('a', { href: relativeHref(pagePath, csvPath(question)), download: `${question}.csv`, type: 'text/csv' }, [
        'Download the data', h('span.visually-hidden', title ? ` of “${title}”` : ' of this chart'), ' (CSV)',
      ]),
    ]);
    const caption = node.children.findIndex((c) => c.type === 'element' && c.tagName === 'figcaption');
    node.children.splice(caption === -1 ? node.children.length : caption, 0, link as ElementContent);
  });
}

function figureTitle(figure: Element): string {
  let title = '';
  visitOutsideSvg(figure, (node) => {
    if (!title && ((node.properties.className as string[] | undefined) ?? []).includes('figure-title')) title = toString(node);
  });
  return title;
}
