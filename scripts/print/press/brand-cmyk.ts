import { BrandTokenError, TOKENS_PATH, type BrandTokens } from '../../assets/brand-tokens.js';

export type Cmyk = readonly [number, number, number, number];

/** How a screen colour got its inks: the brand's print value, a tint of black, or the GCR rule. */
export type CmykSource = { readonly kind: 'brand'; readonly token: string } | { readonly kind: 'grey' } | { readonly kind: 'gcr' };

export interface PrintColour {
  readonly cmyk: Cmyk;
  readonly source: CmykSource;
}

/** The screen colour (`#rrggbb`) → its print value, one entry per brand token that has a `-print` twin. */
export type BrandTable = ReadonlyMap<string, { readonly token: string; readonly cmyk: Cmyk }>;

/**
 * The brand table, read from styles/tokens.css (the one brand source): every `--x: #rrggbb`
 * with a `--x-print: device-cmyk(...)` beside it. Two tokens with the same screen colour must
 * print alike (--card-ink is --ink): otherwise the PDF's colour could not tell which one it was.
 */
export function brandTable(tokens: BrandTokens): BrandTable {
  const table = new Map<string, { token: string; cmyk: Cmyk }>();
  for (const name of tokens.all.keys()) {
    if (!name.endsWith('-print') || !tokens.all.has(name.slice(0, -'-print'.length))) continue;
    const token = name.slice(0, -'-print'.length);
    const hex = tokens.colour(token);
    const cmyk = tokens.cmyk(name);
    const known = table.get(hex);
    if (known?.cmyk.some((ink, i) => ink !== cmyk[i])) {
      throw new BrandTokenError({
        file: TOKENS_PATH, ...tokens.place(name), severity: 'error', ruleId: 'brand-token',
        message: `--${name} is ${tokens.value(name)} but --${known.token}-print, the same screen colour ${hex}, is device-cmyk(${known.cmyk.join(' ')})`,
        hint: 'the printer\'s PDF knows a colour by its screen value: give tokens with the same screen colour the same print value',
      });
    }
    if (!known) table.set(hex, { token, cmyk });
  }
  return table;
}

/** Channels closer than this (of 1) are a neutral grey: the cool greys of the charts' and code's palettes (#6b7280). */
export const NEUTRAL_SPREAD = 0.085;

/**
 * The inks for an RGB colour (components 0–1, as a PDF's `rg` gives them): the brand's print
 * value when it is a brand colour (matched at 8 bits, as Chromium wrote it from the CSS);
 * a neutral grey as black alone, as light as the grey looks (K = 1 − L* ÷ 100), so a grey rule
 * never prints in four inks; any other colour by grey component replacement: its grey part
 * in K and the rest in at most two of C, M, Y (total ink at most 300%).
 */
export function printColour(rgb: readonly number[], table: BrandTable): PrintColour {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  const brand = table.get(hexOf([r, g, b]));
  if (brand) return { cmyk: brand.cmyk, source: { kind: 'brand', token: brand.token } };
  if (Math.max(r, g, b) - Math.min(r, g, b) <= NEUTRAL_SPREAD) {
    return { cmyk: [0, 0, 0, round(1 - lightness(r, g, b) / 100)], source: { kind: 'grey' } };
  }
  const k = 1 - Math.max(r, g, b);
  const ink = (v: number) => round((1 - v - k) / (1 - k));
  return { cmyk: [ink(r), ink(g), ink(b), round(k)], source: { kind: 'gcr' } };
}

/** `#rrggbb` of components 0–1. */
export function hexOf(rgb: readonly number[]): string {
  return `#${rgb.map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** CIE L* (0–100) of an sRGB colour. */
function lightness(r: number, g: number, b: number): number {
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
