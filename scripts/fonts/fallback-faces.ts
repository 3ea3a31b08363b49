import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { keepInToolCache, toolCachePath } from '../cache/tool-cache.js';
import { fontFilePath, type BrandFaces, type FaceRole, type SystemKind } from './font-files.js';

/**
 * Metric-matched fallback faces for the web edition. Until a brand face has loaded, the page is
 * laid out with a system font; if that font is narrower (Arial is ~7 % narrower than Inter,
 * Times ~16 % narrower than Source Serif), lines and flex rows wrap differently and everything
 * below jumps when the brand face arrives (a layout shift, CLS). A fallback face scaled with
 * `size-adjust` to the brand face's average width, and given its vertical metrics, keeps the
 * first layout close to the final one.
 *
 * The system fonts' metrics are constants: Arial, Times New Roman and Courier New have the same
 * advance widths and vertical metrics as Liberation Sans, Serif and Mono, from which these were
 * measured (average advance over English letter frequencies, in em).
 */
interface SystemFont {
  readonly local: readonly string[];
  /** Average advance width, in em, over FREQUENCY. */
  readonly averageWidth: number;
}

const SYSTEM_FONTS: Record<SystemKind, Record<400 | 700, SystemFont>> = {
  sans: {
    400: { local: ['Arial', 'ArialMT', 'Liberation Sans', 'LiberationSans', 'Helvetica'], averageWidth: 0.43925 },
    700: { local: ['Arial Bold', 'Arial-BoldMT', 'Liberation Sans Bold', 'LiberationSans-Bold', 'Helvetica Bold'], averageWidth: 0.47434 },
  },
  serif: {
    400: { local: ['Times New Roman', 'TimesNewRomanPSMT', 'Liberation Serif', 'LiberationSerif', 'Times'], averageWidth: 0.39849 },
    700: { local: ['Times New Roman Bold', 'TimesNewRomanPS-BoldMT', 'Liberation Serif Bold', 'LiberationSerif-Bold', 'Times Bold'], averageWidth: 0.42395 },
  },
  mono: {
    400: { local: ['Courier New', 'CourierNewPSMT', 'Liberation Mono', 'LiberationMono', 'Courier'], averageWidth: 0.60010 },
    700: { local: ['Courier New Bold', 'CourierNewPS-BoldMT', 'Liberation Mono Bold', 'LiberationMono-Bold', 'Courier Bold'], averageWidth: 0.60010 },
  },
};

/** Relative frequencies of characters in English prose (letters, space, commas and full stops). */
const FREQUENCY: Readonly<Record<string, number>> = {
  ' ': 18.3, e: 10.2, t: 7.5, a: 6.5, o: 6.2, n: 5.7, i: 5.7, s: 5.3, r: 5.0, h: 4.9, l: 3.3, d: 3.3, u: 2.3, c: 2.2,
  m: 2.0, f: 1.8, w: 1.7, g: 1.6, p: 1.5, y: 1.4, b: 1.2, v: 0.8, k: 0.6, ',': 0.6, '.': 0.6, T: 0.3, I: 0.3, A: 0.3,
  S: 0.2, P: 0.2, x: 0.15, j: 0.1, q: 0.1, z: 0.07,
};

const require = createRequire(import.meta.url);

interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/**
 * The name a style sheet uses for a role's fallback (tokens.css's stacks name them): by role, not
 * by family, so a stack needs no change when its face does.
 */
export function fallbackFamily(role: Exclude<FaceRole, 'symbols'>): string {
  return `Brand ${role[0]!.toUpperCase()}${role.slice(1)} Fallback`;
}

/**
 * A pure function of the faces and the installed font files, which cannot change while the
 * process runs; kept by the faces' key so the dev server's rebuilds do not decode six fonts again
 * (about 0.1 s).
 */
const computed = new Map<string, Promise<string>>();

/**
 * `@font-face` rules for "Brand Text Fallback", "Brand Sans Fallback" and "Brand Mono Fallback".
 * Kept under node_modules/.cache/ (like the compiled Vega-Lite validator), keyed by the faces,
 * the font packages' versions and this computation, so a build decodes the fonts only once per install.
 */
export function fallbackFaceCss(fonts: BrandFaces): Promise<string> {
  if (!computed.has(fonts.key)) computed.set(fonts.key, cachedFallbackFaceCss(fonts));
  return computed.get(fonts.key)!;
}

async function cachedFallbackFaceCss(fonts: BrandFaces): Promise<string> {
  const packages = [...new Set(fonts.faces.map((f) => f.pkg))].sort();
  const versions = packages.map((pkg) => (require(`@fontsource/${pkg}/package.json`) as { version: string }).version);
  const key = createHash('sha256').update(JSON.stringify([fonts.key, packages, versions, SYSTEM_FONTS, FREQUENCY, computeFallbackFaceCss.toString()])).digest('hex').slice(0, 16);
  const file = toolCachePath(`fallback-faces-${key}.css`);
  const kept = await readFile(file, 'utf8').catch(() => undefined);
  if (kept) return kept;
  const css = await computeFallbackFaceCss(fonts);
  await keepInToolCache(file, css);
  return css;
}

async function computeFallbackFaceCss(fonts: BrandFaces): Promise<string> {
  const fontkit = await import('fontkit');
  const rules: string[] = [];
  for (const role of ['sans', 'text', 'mono'] as const) {
    for (const weight of [400, 700] as const) {
      const face = fonts.faces.find((f) => f.family === fonts.families[role] && f.subset === 'latin' && f.style === 'normal' && f.weight === weight);
      if (!face) continue;
      const font = fontkit.openSync(fontFilePath(face)) as unknown as FontMetrics;
      const system = SYSTEM_FONTS[fonts.fallbackKinds[role]][weight];
      const scale = averageWidth(font) / system.averageWidth;
      const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
      rules.push(`@font-face { font-family: "${fallbackFamily(role)}"; font-weight: ${weight}; src: ${system.local.map((name) => `local("${name}")`).join(', ')}; `
        + `size-adjust: ${percent(scale)}; ascent-override: ${percent(font.ascent / font.unitsPerEm / scale)}; `
        + `descent-override: ${percent(Math.abs(font.descent) / font.unitsPerEm / scale)}; line-gap-override: ${percent(font.lineGap / font.unitsPerEm / scale)}; }`);
    }
  }
  return `${rules.join('\n')}\n`;
}

function averageWidth(font: FontMetrics): number {
  let width = 0;
  let count = 0;
  for (const [ch, weight] of Object.entries(FREQUENCY)) {
    width += weight * font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
    count += weight;
  }
  return width / count / font.unitsPerEm;
}
