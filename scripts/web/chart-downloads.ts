import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { chartDataId } from '../assemble/page-ids.js';
import { csvPath } from './chart-csv.js';
import { relativeHref } from './site-plan.js';

/**
 * Adds a link to each chart's CSV file after its data table, which follows the figure
 * (chartDataAfterFigures: drawing → caption → table → link). Plain HTML: it works without the
 * chart script.
 */
export function addChartDownloads(tree: Element, pagePath: string): void {
  const places: Array<{ figure: Element; parent: Element }> = [];
  visitOutsideSvg(tree, (parent) => {
    for (const c of parent.children) if (c.type === 'element' && c.tagName === 'figure' && typeof c.properties.dataQuestion === 'string') places.push({ figure: c, parent });
  });
  for (const { figure, parent } of places) {
    const question = String(figure.properties.dataQuestion);
    // The figure's name is its question (chart-figure.ts).
    const title = typeof figure.properties.ariaLabel === 'string' ? figure.properties.ariaLabel : '';
    const link = h('p.chart-download', [
      h('a', { href: relativeHref(pagePath, csvPath(question)), download: `${question}.csv`, type: 'text/csv' }, [
        'Download the data', h('span.visually-hidden', title ? ` of “${title}”` : ' of this chart'), ' (CSV)',
      ]),
    ]);
    const at = parent.children.indexOf(figure);
    const next = parent.children[at + 1];
    const table = next?.type === 'element' && next.properties.id === chartDataId(String(figure.properties.id));
    parent.children.splice(at + (table ? 2 : 1), 0, link as ElementContent);
  }
}
