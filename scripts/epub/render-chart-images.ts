import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { copyFonts } from '../assets/write-assets.js';
import { fontFaceCss } from '../fonts/font-face-css.js';
import { openOfflinePage } from '../print/launch-browser.js';

export interface RasterImage {
  readonly png: Uint8Array;
  /** The chart's size in CSS pixels: the PNG holds `scale` times as many. */
  readonly width: number;
  readonly height: number;
}

/** Twice the chart's size: sharp on phone and e-ink screens, a few tens of KB per chart. */
export const CHART_SCALE = 2;

/**
 * Renders SVG graphics to PNG in one page of the given browser: every SVG at its own size
 * on white (the colours are designed for white paper, and stay legible in night mode), with
 * the brand fonts loaded, then one element screenshot each.
 */
export async function renderChartImages(
  browser: Browser, graphics: ReadonlyArray<{ id: string; svg: string }>, workDir: string, signal?: AbortSignal,
): Promise<Map<string, RasterImage>> {
  const images = new Map<string, RasterImage>();
  if (graphics.length === 0) return images;
  await mkdir(workDir, { recursive: true });
  await copyFonts(join(workDir, 'fonts'));
  const doc = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('style', `${fontFaceCss('fonts')}body { margin: 0; background: #fff; } .graphic { width: max-content; background: #fff; } .graphic > svg { display: block; }`)]),
    h('body', graphics.map((g, i) => h('div.graphic', { id: `g${i}` }, [{ type: 'raw', value: g.svg } as never]))),
  ]);
  await writeFile(join(workDir, 'charts.html'), `<!doctype html>${toHtml(doc, { allowDangerousHtml: true })}`);
  const { page, blocked } = await openOfflinePage(browser, workDir);
  try {
    await page.setViewport({ width: 1200, height: 900, deviceScaleFactor: CHART_SCALE });
    await page.goto(pathToFileURL(join(workDir, 'charts.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (blocked.length > 0) throw new Error(`the charts tried to load ${blocked.join(', ')}`);
    for (const [i, g] of graphics.entries()) {
      signal?.throwIfAborted();
      const element = await page.$(`#g${i}`);
      const box = await element?.boundingBox();
      if (!element || !box || box.width === 0 || box.height === 0) throw new Error(`the chart ${g.id} rendered with no size`);
      const png = await element.screenshot({ type: 'png', omitBackground: false });
      images.set(g.id, { png, width: Math.round(box.width), height: Math.round(box.height) });
    }
    return images;
  } finally {
    await page.close();
  }
}
