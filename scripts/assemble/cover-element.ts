import { h, s } from 'hastscript';
import type { Element } from 'hast';
import type { BookConfig } from '../config/load-book.js';
import { PAGE_IDS } from './page-ids.js';

/**
 * The cover: title, subtitle, publisher and year over an abstract radar drawn in SVG. The radar
 * comes after the text: it is placed from the cover's bottom, and a busy browser may paint the
 * page while it has parsed only part of it; a radar parsed before the text would be painted at
 * the top of an empty cover and jump down when the text arrived (a layout shift on the landing page).
 * The style sheets keep the text above it (`.cover-text { z-index: 1 }`).
 */
export function coverElement(book: BookConfig): Element {
  return h('section.cover', { id: PAGE_IDS.cover, ariaLabel: 'Cover' }, [
    h('div.cover-text', [
      h('p.cover-publisher', book.publisher),
      h('h1.cover-title', book.title),
      book.subtitle ? h('p.cover-subtitle', book.subtitle) : null,
      h('p.cover-year', String(book.year)),
    ].filter((x) => x !== null) as Element[]),
    radarMotif(),
  ]);
}

/** Concentric rings, four quadrant lines, a sweep and a few blips: deterministic, no randomness. */
export function radarMotif(): Element {
  const rings = [60, 120, 180, 240, 300].map((r) => s('circle', { cx: 0, cy: 0, r, class: 'radar-ring' }));
  const axes = [0, 45, 90, 135].map((a) => {
    const rad = (a * Math.PI) / 180;
    const x = Math.round(Math.cos(rad) * 300);
    const y = Math.round(Math.sin(rad) * 300);
    return s('line', { x1: -x, y1: -y, x2: x, y2: y, class: 'radar-axis' });
  });
  const blips: Array<[number, number, number]> = [[70, 35, 9], [-120, 60, 7], [150, -110, 11], [-60, -190, 8], [210, 90, 6], [30, 250, 7], [-230, -40, 10]];
  return s('svg.cover-radar', { viewBox: '-320 -320 640 640', ariaHidden: 'true', focusable: 'false' }, [
    ...rings, ...axes,
    s('path.radar-sweep', { d: 'M0 0 L300 0 A300 300 0 0 0 212 -212 Z' }),
    ...blips.map(([cx, cy, r]) => s('circle.radar-blip', { cx, cy, r })),
  ]);
}
