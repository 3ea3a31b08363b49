import type { Page } from 'puppeteer';

/** The smallest rendered text in the page's visible chart SVGs, and the texts below `floor` CSS px. */
export interface LabelSizes {
  readonly charts: number;
  readonly texts: number;
  readonly smallest: number;
  readonly below: string[];
}

/**
 * Measures every visible text of every visible chart SVG (`figure.chart svg`, or any SVG with
 * `selector`) as shown: its computed font size times the SVG's scale (rendered width over its
 * viewBox width), in CSS px.
 */
export function measureChartLabels(page: Page, floor: number, selector = 'figure.chart .chart-graphic svg'): Promise<LabelSizes> {
  return page.evaluate((sel: string, min: number) => {
    let charts = 0;
    let texts = 0;
    let smallest = Infinity;
    const below: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(sel)) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
      charts++;
      const scale = box.width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent?.trim() || text.getBoundingClientRect().width === 0) continue;
        texts++;
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        smallest = Math.min(smallest, px);
        if (px < min - 0.01) below.push(`${svg.closest('figure')?.id ?? '?'}: "${text.textContent.trim()}" ${px.toFixed(1)} px`);
      }
    }
    return { charts, texts, smallest, below };
  }, selector, floor);
}
