import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBrand, type Brand } from '../../scripts/brand/brand.js';
import { pageRuleCss, pageSizeName, pdfPageSize, textAreaHeightPx } from '../../scripts/brand/printed-page.js';
import { BrandTokenError } from '../../scripts/assets/brand-tokens.js';
import { formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';
import { textArea } from '../../scripts/print/preflight.js';
import { preloadedFaces } from '../../scripts/web/web-document.js';
import { cardColours } from '../../scripts/web/og-card.js';

/** The brand's faces and page, read from styles/tokens.css (scripts/brand/): what is made of them and how a bad token is reported. */
const TOKENS = readFileSync(join(import.meta.dirname, '..', '..', 'styles', 'tokens.css'), 'utf8');
const MM = 72 / 25.4;

/** tokens.css with `--name`'s value replaced (or the declaration removed, for null). */
function withToken(name: string, value: string | null): string {
  const re = new RegExp(`--${name}: [^;]+;`);
  if (!re.test(TOKENS)) throw new Error(`tokens.css has no --${name}`);
  return TOKENS.replace(re, value === null ? '' : `--${name}: ${value};`);
}

/** The first line of the error a brand gives, as the build prints it. */
function errorOf(css: string): string {
  try {
    parseBrand(css);
  } catch (e) {
    if (!(e instanceof BrandTokenError)) throw e;
    return formatDiagnostic(e.diagnostics[0]!).split('\n')[0]!;
  }
  throw new Error('the brand was accepted');
}

/** Where `--name`'s value starts in tokens.css, as `line:column`. */
function placeOf(css: string, name: string): string {
  const lines = css.split('\n');
  const line = lines.findIndex((l) => l.includes(`--${name}:`));
  return `${line + 1}:${lines[line]!.indexOf(`--${name}:`) + name.length + 5}`;
}

describe('the brand (styles/tokens.css)', () => {
  const brand: Brand = parseBrand(TOKENS);

  it('names the faces: each role\'s family, and every file of each, in the order the rules were always written', () => {
    expect(brand.fonts.families).toEqual({ sans: 'Inter', text: 'Source Serif 4', mono: 'JetBrains Mono', symbols: 'Noto Sans Math' });
    const files = brand.fonts.faces.map((f) => f.file);
    expect(files).toHaveLength(23);
    expect(files.slice(0, 2)).toEqual(['inter-latin-400-normal.woff2', 'inter-latin-600-normal.woff2']);
    expect(files).toContain('source-serif-4-latin-ext-600-italic.woff2');
    expect(brand.fonts.faces.at(-1)).toEqual({
      family: 'Noto Sans Math', pkg: 'noto-sans-math', weight: 400, style: 'normal', subset: 'latin', unicodeRange: 'U+2190-21FF, U+2200-22FF', file: 'noto-sans-math-latin-400-normal.woff2',
    });
    expect(brand.fonts.fallbackKinds).toEqual({ text: 'serif', sans: 'sans', mono: 'mono' });
  });

  it('measures the page: A4, the margins in points, the @page rule, the preflight\'s text area', () => {
    expect(brand.page.width).toBeCloseTo(595.28, 2);
    expect(brand.page.height).toBeCloseTo(841.89, 2);
    expect(brand.page.margin).toEqual({ top: 24 * MM, right: 34 * MM, bottom: 26 * MM, left: 34 * MM });
    expect(pageRuleCss(brand.page)).toBe('@page { size: 210mm 297mm; margin: 24mm 34mm 26mm 34mm; }\n');
    expect(textArea(brand.page)).toEqual({ topMargin: 24 * MM, bottomMargin: 26 * MM });
    expect(textAreaHeightPx(brand.page)).toBeCloseTo((297 - 24 - 26) * (96 / 25.4), 6);
    const size = pdfPageSize(brand.page);
    expect(size.width).toMatch(/in$/);
    expect(Number.parseFloat(size.width)).toBeCloseTo(210 / 25.4, 9);
    expect(Number.parseFloat(size.height)).toBeCloseTo(297 / 25.4, 9);
    expect(pageSizeName(brand.page)).toBe('A4');
    expect(pageSizeName(parseBrand(withToken('page-width', '6.69in').replace(/--page-height: [^;]+;/, '--page-height: 240mm;')).page)).toBe('170 × 240 mm');
    expect(Object.isFrozen(brand.page.margin)).toBe(true);
  });

  it('preloads the text face\'s and the sans\'s regular and bold', () => {
    expect(preloadedFaces(brand.fonts).map((f) => f.file)).toEqual([
      'inter-latin-400-normal.woff2', 'inter-latin-700-normal.woff2', 'source-serif-4-latin-400-normal.woff2', 'source-serif-4-latin-700-normal.woff2',
    ]);
  });

  it('sets the sharing cards in the sans', () => {
    expect(cardColours(brand)).toEqual({ font: 'Inter', ground: '#0f2a52', accent: '#f2b705', text: '#ffffff' });
    const mono = parseBrand(withToken('font-sans-family', '"JetBrains Mono"').replace(/--font-sans-files: [^;]+;/, '--font-sans-files: "@fontsource/jetbrains-mono";')
      .replace(/--font-sans-weights: [^;]+;/, '--font-sans-weights: 400 700;'));
    expect(cardColours(mono).font).toBe('JetBrains Mono');
  });

  it('is immutable', () => {
    expect(Object.isFrozen(brand)).toBe(true);
    expect(Object.isFrozen(brand.fonts.faces)).toBe(true);
    expect(Object.isFrozen(brand.fonts.faces[0])).toBe(true);
    expect(() => (brand.fonts.faces as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('follows a change of face and margins, and keys what is made of the faces on them', () => {
    const changed = parseBrand(withToken('font-text-family', '"Inter"').replace(/--font-text-files: [^;]+;/, '--font-text-files: "@fontsource/inter";')
      .replace(/--page-margin-left: [^;]+;/, '--page-margin-left: 1in;'));
    expect(changed.fonts.families.text).toBe('Inter');
    // The text face and the sans share their files: each is listed once.
    const files = changed.fonts.faces.map((f) => f.file);
    expect(new Set(files).size).toBe(files.length);
    expect(files.filter((f) => f.startsWith('source-serif-4'))).toEqual([]);
    expect(files).toContain('inter-latin-400-italic.woff2');
    expect(changed.page.margin.left).toBe(72);
    expect(changed.fonts.key).not.toBe(brand.fonts.key);
    expect(parseBrand(TOKENS).fonts.key).toBe(brand.fonts.key);
  });

  it('refuses a token it cannot use, at the token', () => {
    const cases: Array<[name: string, value: string | null, message: string]> = [
      ['font-text-family', '"Source Serif 4", Georgia', '--font-text-family is "Source Serif 4", Georgia, not one family name'],
      ['font-sans-files', '"inter"', '--font-sans-files is "inter", not an @fontsource package'],
      ['font-sans-files', '"@fontsource/comic-neue"', '@fontsource/comic-neue is not installed'],
      ['font-mono-weights', '400 bold', '--font-mono-weights is 400 bold, not a list of font weights'],
      ['font-mono-weights', '400 450', '--font-mono-weights is 400 450, not a list of font weights'],
      ['font-symbols-weights', '400 700', '@fontsource/noto-sans-math has no normal 700 latin face (noto-sans-math-latin-700-normal.woff2)'],
      ['font-symbols-range', 'arrows', '--font-symbols-range is arrows, not a unicode-range'],
      ['font-symbols-subsets', 'latin cyrillic', '--font-symbols-subsets is latin cyrillic: the faces\' subsets are latin and latin-ext'],
      ['font-text', '"Inter", serif', '--font-text does not start with the text face (Source Serif 4)'],
      ['font-mono', 'var(--font-mono-family), "Courier New"', '--font-mono ends with "Courier New", not serif, sans-serif or monospace'],
      ['page-width', 'A4', '--page-width is A4, not a length of the page'],
      ['page-margin-top', '-2mm', '--page-margin-top is -2mm, not a length of the page'],
      ['page-margin-left', '190mm', 'the left and right page margins leave no room for the text'],
    ];
    for (const [name, value, message] of cases) {
      const css = withToken(name, value);
      const at = name === 'page-margin-left' ? placeOf(css, 'page-margin-left') : placeOf(css, name);
      expect(errorOf(css), name).toBe(`styles/tokens.css:${at}: error: ${message} [brand-token]`);
    }
  });

  it('names a missing face token, at the :root rule', () => {
    const css = withToken('font-sans-italics', null);
    const root = css.split('\n').findIndex((l) => l.startsWith(':root {')) + 1;
    expect(errorOf(css)).toBe(`styles/tokens.css:${root}:1: error: the :root rule defines no --font-sans-italics [brand-token]`);
  });

  it('refuses two names for one package\'s face', () => {
    const css = withToken('font-text-files', '"@fontsource/inter"');
    expect(errorOf(css)).toBe(`styles/tokens.css:${placeOf(css, 'font-sans-family')}: error: --font-sans-family is "Inter" but --font-text-family calls @fontsource/inter "Source Serif 4" [brand-token]`);
  });
});
