import type { Element } from 'hast';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';

const MIN_CONTRAST = 4.5;

/**
 * The highlighter's themes have a few token colours under WCAG AA on their own background
 * (github-light's orange, 3.5:1; github-dark's comments, 3.0:1). For the web edition each
 * token's light and dark colour is moved towards black or white, just enough to reach 4.5:1
 * against its block's light and dark background. The PDF and ePub keep the theme as it is.
 */
export function ensureCodeContrast(tree: Element): void {
  visitOutsideSvg(tree, (pre) => {
    if (pre.tagName !== 'pre' || typeof pre.properties.style !== 'string') return;
    const block = parseStyle(pre.properties.style);
    const lightBg = block.get('background-color');
    const darkBg = block.get('--shiki-dark-bg');
    visitOutsideSvg(pre, (span) => {
      if (span === pre || typeof span.properties.style !== 'string') return;
      const style = parseStyle(span.properties.style);
      const light = style.get('color');
      const dark = style.get('--shiki-dark');
      if (light && lightBg) style.set('color', withContrast(light, lightBg));
      if (dark && darkBg) style.set('--shiki-dark', withContrast(dark, darkBg));
      span.properties.style = [...style].map(([k, v]) => `${k}:${v}`).join(';');
    });
  });
}

function parseStyle(style: string): Map<string, string> {
  return new Map(style.split(';').map((d) => d.split(':').map((s) => s.trim()) as [string, string]).filter(([k, v]) => k && v));
}

/** `fg`, or the nearest colour towards black (on a light ground) or white (on a dark one) with enough contrast. */
export function withContrast(fg: string, bg: string, min = MIN_CONTRAST): string {
  const f = rgb(fg);
  const b = rgb(bg);
  if (!f || !b || contrast(f, b) >= min) return fg;
  const target = luminance(b) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  for (let t = 0.05; t <= 1; t += 0.05) {
    const mixed = f.map((c, i) => Math.round(c + (target[i]! - c) * t));
    if (contrast(mixed, b) >= min) return hex(mixed);
  }
  return hex(target);
}

function rgb(color: string): number[] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

function hex(c: readonly number[]): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

function luminance(c: readonly number[]): number {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
