import valueParser from 'postcss-value-parser';
import type { BrandTokens } from '../assets/brand-tokens.js';

/** Points per unit of the lengths a page may be measured in (PDF points: 72 per inch). */
const POINTS: Readonly<Record<string, number>> = { mm: 72 / 25.4, cm: 720 / 25.4, in: 72, pt: 1, px: 0.75 };

export type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

/** The printed page from tokens.css (`--page-width`, `--page-height`, `--page-margin-<side>`), in PDF points. */
export interface PrintedPage {
  readonly width: number;
  readonly height: number;
  readonly margin: Readonly<Record<Side, number>>;
  /** The tokens as written (`210mm`), for the print style sheet's @page rule. */
  readonly css: { readonly width: string; readonly height: string; readonly margin: Readonly<Record<Side, string>> };
}

type Fail = (name: string, message: string, hint: string) => never;

const HINT = 'the page is measured in tokens.css as lengths in mm, cm, in, pt or px: --page-width: 210mm; --page-height: 297mm; --page-margin-top (-right, -bottom, -left): 24mm';

export function printedPage(tokens: BrandTokens, fail: Fail): PrintedPage {
  const length = (name: string, positive: boolean): [number, string] => {
    if (!tokens.all.has(name)) fail(name, `the :root rule defines no --${name}`, HINT);
    const written = tokens.value(name);
    const unit = valueParser.unit(written);
    const points = unit ? POINTS[unit.unit.toLowerCase()] : undefined;
    const value = unit && points ? Number(unit.number) * points : Number.NaN;
    if (!(value > 0 || (!positive && value === 0))) fail(name, `--${name} is ${written}, not a length of the page`, HINT);
    return [value, written];
  };
  const [width, cssWidth] = length('page-width', true);
  const [height, cssHeight] = length('page-height', true);
  const margins = SIDES.map((side) => length(`page-margin-${side}`, false));
  const margin = Object.fromEntries(SIDES.map((side, i) => [side, margins[i]![0]])) as Record<Side, number>;
  if (margin.left + margin.right >= width) fail('page-margin-left', 'the left and right page margins leave no room for the text', HINT);
  if (margin.top + margin.bottom >= height) fail('page-margin-top', 'the top and bottom page margins leave no room for the text', HINT);
  return {
    width, height, margin,
    css: { width: cssWidth, height: cssHeight, margin: Object.fromEntries(SIDES.map((side, i) => [side, margins[i]![1]])) as Record<Side, string> },
  };
}

/**
 * The print style sheet's @page size and margins: descriptors of @page cannot use var(), so the
 * rule is written from the tokens (print.css's own @page rule adds the margin boxes).
 */
export function pageRuleCss(page: PrintedPage): string {
  const m = page.css.margin;
  return `@page { size: ${page.css.width} ${page.css.height}; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }\n`;
}

/** The page's size for puppeteer's page.pdf (which the style sheet's @page size overrides, `preferCSSPageSize`, and equals). */
export function pdfPageSize(page: PrintedPage): { width: string; height: string } {
  return { width: `${page.width / 72}in`, height: `${page.height / 72}in` };
}

/** Paper sizes a reader knows by name, in mm. */
const NAMED_SIZES: ReadonlyArray<[name: string, width: number, height: number]> = [['A3', 297, 420], ['A4', 210, 297], ['A5', 148, 210], ['B5', 176, 250], ['Letter', 215.9, 279.4]];

/** The page as a reader names it: `A4`, or `170 × 240 mm`. */
export function pageSizeName(page: PrintedPage): string {
  const mm = (pt: number) => pt / (72 / 25.4);
  const named = NAMED_SIZES.find(([, w, h]) => Math.abs(mm(page.width) - w) < 0.5 && Math.abs(mm(page.height) - h) < 0.5);
  return named ? named[0] : `${Math.round(mm(page.width))} × ${Math.round(mm(page.height))} mm`;
}

/** The text area's height in CSS px (96 per inch, 72 points per inch). */
export function textAreaHeightPx(page: PrintedPage): number {
  return (page.height - page.margin.top - page.margin.bottom) * (96 / 72);
}
