import type { Element } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import type { RasterImage } from '../render/raster-image.js';
import { EPUB_NAMES } from '../chapters/edition-names.js';
import { chartDataAfterFigure } from '../assemble/chart-data-after-figure.js';

/** One chart as the ePub finds it: its question id, the inline SVG and the element holding it. */
export interface ChartGraphic {
  readonly id: string;
  readonly svg: string;
  readonly alt: string;
  readonly graphic: Element;
  readonly figure: Element;
  readonly parent: Element;
}

/** The charts of the given chapter bodies, in reading order (`figure.chart > div.chart-graphic`). */
export function collectChartGraphics(bodies: readonly Element[]): ChartGraphic[] {
  const found: ChartGraphic[] = [];
  for (const body of bodies) {
    visit(body, 'element', (figure: Element, _index, parent) => {
      if (figure.tagName !== 'figure' || !classes(figure).includes('chart')) return;
      const graphic = figure.children.find((c): c is Element => c.type === 'element' && classes(c).includes('chart-graphic'));
      const raw = graphic?.children.find((c) => (c as { type: string }).type === 'raw') as { value: string } | undefined;
      const id = String(figure.properties.dataQuestion ?? '');
      if (!graphic || !raw || !id) throw new Error(`the chart figure ${String(figure.properties.id)} has no inline SVG or no question id`);
      found.push({ id, svg: raw.value, alt: String(graphic.properties.ariaLabel ?? ''), graphic, figure, parent: parent as Element });
    });
  }
  return found;
}

export function chartImagePath(id: string): string {
  return `${EPUB_NAMES.charts}/${id}.png`;
}

/**
 * Puts the PNG in place of each chart's inline SVG. Why PNG rather than SVG with a fallback:
 * inline SVG has no fallback mechanism in EPUB 3 (manifest fallbacks do not apply to a core
 * media type, and `<object>` fallbacks are unevenly supported), and readers without SVG
 * support (older Kindle and Kobo firmware, many Adobe RMSDK devices) show its text as
 * stray words or nothing at all. A PNG at twice the chart's size shows everywhere, with the
 * fonts baked in. Nothing is lost for assistive technology: the alt text is the same
 * generated description, and the figure keeps its data table with every share.
 */
export function useChartImages(charts: readonly ChartGraphic[], images: ReadonlyMap<string, RasterImage>): void {
  for (const chart of charts) {
    const image = images.get(chart.id);
    if (!image) throw new Error(`no image was rendered for the chart ${chart.id}`);
    const { role: _role, ariaLabel: _label, ...rest } = chart.graphic.properties;
    chart.graphic.properties = rest;
    // No width or height attributes: calibre (Kindle's conversion) turns them into a fixed
    // height under a flexible width, and the chart is squashed on a narrow screen. The image
    // is drawn at twice its size and scales down to the column (max-width, height: auto).
    chart.graphic.children = [h('img', { src: chartImagePath(chart.id), alt: chart.alt })];
  }
}

/**
 * The ePub's chart figure reads image → caption → table, and says the question once where it
 * is visible: the image draws the question and its subtitle and the caption says only what it
 * does not (chart-figure.ts), so the table's caption names the chart ("Chart 12: the numbers")
 * instead of repeating the question. The table moves after the figure (a figcaption must be the
 * first or last child of its figure).
 */
export function captionBeforeTable(chart: ChartGraphic): void {
  const { figure, parent } = chart;
  const caption = figure.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
  const data = chartDataAfterFigure(figure, parent);
  if (!data || !caption) throw new Error(`the chart figure ${chart.id} has no data table or no caption`);
  const labelEl = caption.children.find((c): c is Element => c.type === 'element' && classes(c).includes('figure-label'));
  const text = labelEl ? toString(labelEl).trim() : 'Chart';
  const label = text.endsWith('.') ? text.slice(0, -1) : text;
  visit(data, 'element', (el: Element) => {
    if (el.tagName === 'caption') el.children = [{ type: 'text', value: `${label}: the numbers` }];
  });
}

function classes(el: Element): string[] {
  return (el.properties.className as string[] | undefined) ?? [];
}
