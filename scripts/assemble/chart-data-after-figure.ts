import type { Element } from 'hast';
import { chartDataId } from './page-ids.js';
import { visitOutsideSvg } from './visit-outside-svg.js';

/**
 * Moves each chart's data table (`details.chart-data`) out of its figure to just after it. A
 * figcaption must be the first or the last child of its figure, so this is how the caption
 * comes right under the drawing, before the table: the web edition and the ePub read
 * drawing → caption → table. The print hides the table and keeps the figure as it is.
 */
export function chartDataAfterFigures(tree: Element): void {
  const places: Array<{ figure: Element; parent: Element }> = [];
  visitOutsideSvg(tree, (parent) => {
    for (const c of parent.children) if (c.type === 'element' && c.tagName === 'figure' && classes(c).includes('chart')) places.push({ figure: c, parent });
  });
  // After the walk: a table moved into the parent while it is visited would be visited again.
  for (const { figure, parent } of places) chartDataAfterFigure(figure, parent);
}

/** One chart's: the table, now after the figure with the id `chartDataId(figure)`; undefined when the figure has none. */
export function chartDataAfterFigure(figure: Element, parent: Element): Element | undefined {
  const data = figure.children.find((c): c is Element => c.type === 'element' && classes(c).includes('chart-data'));
  if (!data) return undefined;
  figure.children = figure.children.filter((c) => c !== data);
  data.properties = { ...data.properties, id: chartDataId(String(figure.properties.id)) };
  parent.children.splice(parent.children.indexOf(figure) + 1, 0, data);
  return data;
}

function classes(el: Element): string[] {
  return (el.properties.className as string[] | undefined) ?? [];
}
