import { readFile } from 'node:fs/promises';
import type { Browser } from 'puppeteer';
import { s } from 'hastscript';
import type { Element } from 'hast';
import { fontFaces, fontFilePath } from '../fonts/font-files.js';
import { openOfflinePage } from './offline-page.js';
import { toXhtml } from './xhtml.js';
import { CHART_SCALE, type RasterImage } from './raster-image.js';

/** Blank space between charts on the sheet, so no chart's edge pixels take colour from its neighbour. */
const GAP = 16;

interface Slot { readonly id: string; readonly y: number; readonly width: number; readonly height: number }

/**
 * Renders chart SVGs to PNG in one page of the given browser, without screenshots: each
 * capture waits ~50 ms for a compositor frame, 1.4 s for 28 charts before any encoding.
 * Instead all charts are stacked in one SVG image, with the brand fonts embedded (an image
 * cannot use the page's fonts), which the page decodes once and draws chart by chart onto
 * canvases at CHART_SCALE, on white (the colours are designed for white paper and stay
 * legible in night mode); the canvases encode to PNG in parallel.
 */
export async function renderChartImages(
  root: string, browser: Browser, graphics: ReadonlyArray<{ id: string; svg: string }>, signal?: AbortSignal,
): Promise<Map<string, RasterImage>> {
  const images = new Map<string, RasterImage>();
  if (graphics.length === 0) return images;
  const slots: Slot[] = [];
  let y = 0;
  for (const g of graphics) {
    const size = svgSize(g.svg, g.id);
    slots.push({ id: g.id, y, ...size });
    y += size.height + GAP;
  }
  const sheet = await chartSheet(graphics, slots, y);
  signal?.throwIfAborted();
  const { page, blocked } = await openOfflinePage(browser, root);
  try {
    const encoded = await page.evaluate(drawSlots, `data:image/svg+xml;base64,${Buffer.from(sheet).toString('base64')}`, slots, CHART_SCALE);
    if (blocked.length > 0) throw new Error(`the charts tried to load ${blocked.join(', ')}`);
    for (const [i, slot] of slots.entries()) {
      images.set(slot.id, { png: Buffer.from(encoded[i]!, 'base64'), width: slot.width, height: slot.height });
    }
    return images;
  } finally {
    await page.close();
  }
}

/** Runs in the page: decode the sheet once, draw each slot onto its own canvas, encode as PNG. */
async function drawSlots(sheetUrl: string, slots: readonly Slot[], scale: number): Promise<string[]> {
  const img = new Image();
  img.src = sheetUrl;
  await img.decode();
  return Promise.all(slots.map(async (s) => {
    const canvas = document.createElement('canvas');
    canvas.width = s.width * scale;
    canvas.height = s.height * scale;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, s.y, s.width, s.height, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((done, fail) => canvas.toBlob((b) => (b ? done(b) : fail(new Error('toBlob failed'))), 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }));
}

/** One SVG with every chart in its slot, one under the other, and the fonts they name as data URLs. */
async function chartSheet(graphics: ReadonlyArray<{ id: string; svg: string }>, slots: readonly Slot[], height: number): Promise<string> {
  const width = Math.max(...slots.map((s) => s.width));
  const named = new Set(graphics.flatMap((g) => [...g.svg.matchAll(/font-family="([^"]+)"/g)].flatMap((m) => m[1]!.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, '')))));
  const faces = fontFaces.filter((f) => named.has(f.family));
  const css = (await Promise.all(faces.map(async (f) =>
    `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; unicode-range: ${f.unicodeRange}; src: url(data:font/woff2;base64,${(await readFile(fontFilePath(f))).toString('base64')}) format("woff2"); }`,
  ))).join('\n');
  const sheet: Element = s('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` }, [
    s('style', css),
    ...graphics.map((g, i) => s('svg', { x: 0, y: slots[i]!.y, width: slots[i]!.width, height: slots[i]!.height }, [{ type: 'raw', value: g.svg } as never])),
  ]);
  return toXhtml(sheet);
}

/** A chart's size from its root element: Vega writes integer width and height attributes. */
function svgSize(svg: string, id: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error(`the chart ${id} has no width and height on its <svg>`);
  return { width: Math.ceil(width), height: Math.ceil(height) };
}
