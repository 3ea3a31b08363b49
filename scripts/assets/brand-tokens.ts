import postcss from 'postcss';
import valueParser from 'postcss-value-parser';
import { readProjectFileSync } from '../diagnostics/project-files.js';
import { BuildError, type Diagnostic } from '../diagnostics/diagnostic.js';

/** The one place the brand is defined: its colours, fonts and sizes, as CSS custom properties. */
export const TOKENS_PATH = 'styles/tokens.css';

/** The brand's values (light, on paper) read from styles/tokens.css, for what cannot use CSS `var()`. */
export interface BrandTokens {
  /** Every token, name (without `--`) → value. */
  readonly all: ReadonlyMap<string, string>;
  /** The value of `--name` in tokens.css's top-level `:root` rule. */
  value(name: string): string;
  /** `--name` as a `#rrggbb` colour. */
  colour(name: string): string;
  /** `--name` as an RGB triple of 0–1 components, rounded to three decimals (for PDF drawing operators). */
  rgb(name: string): [number, number, number];
  /** `--name` as CSS Color 5 `device-cmyk(c m y k)`, each 0–1 (or a percentage): a colour's print value (`--brand-print`). */
  cmyk(name: string): [number, number, number, number];
  /** Where `--name` is defined (its value), for a message about it. */
  place(name: string): { line: number; column: number };
  /** Every `var(--name)` string in a JSON-like value (a chart theme) replaced by the token's value. */
  resolve<T>(value: T): T;
}

export function readBrandTokens(root: string): BrandTokens {
  return parseBrandTokens(readProjectFileSync(root, TOKENS_PATH));
}

/** The custom properties of the top-level `:root` rule; the dark scheme's overrides are the web edition's own. */
export function parseBrandTokens(css: string): BrandTokens {
  const values = new Map<string, string>();
  const places = new Map<string, { line: number; column: number }>();
  let rootAt = { line: 1, column: 1 };
  for (const node of postcss.parse(css, { from: TOKENS_PATH }).nodes) {
    if (node.type !== 'rule' || node.selector !== ':root') continue;
    if (node.source?.start) rootAt = { line: node.source.start.line, column: node.source.start.column };
    node.walkDecls((decl) => {
      if (!decl.prop.startsWith('--')) return;
      values.set(decl.prop.slice(2), decl.value.trim());
      places.set(decl.prop.slice(2), decl.positionInside(decl.prop.length + (decl.raws.between ?? '').length));
    });
  }
  // A token the code needs and cannot use is the author's error, at the token (or the :root rule).
  const fail = (name: string, message: string, hint: string): never => {
    const at = places.get(name) ?? rootAt;
    throw new BrandTokenError({ file: TOKENS_PATH, ...at, severity: 'error', message, hint, ruleId: 'brand-token' });
  };
  const value = (name: string): string => {
    const found = values.get(name);
    if (found === undefined) return fail(name, `the :root rule defines no --${name}`, `the editions need --${name}: define it in the top-level :root rule of ${TOKENS_PATH}`);
    return found;
  };
  const colour = (name: string): string => {
    const v = value(name).toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(v)) fail(name, `--${name} is ${v}, not a #rrggbb colour`, `the editions paint --${name} where CSS cannot reach (the PDF's cover bleed, the sharing images, the browser's theme colour): write it as # and six hex digits (#rrggbb)`);
    return v;
  };
  const cmyk = (name: string): [number, number, number, number] => {
    const v = value(name);
    const hint = `the printer's PDF paints a colour with its --name-print value: write it as device-cmyk(c m y k), four numbers from 0 to 1 or percentages, such as device-cmyk(0 0 0 1) for black`;
    const nodes = valueParser(v).nodes.filter((n) => n.type !== 'space');
    const fn = nodes[0];
    if (nodes.length !== 1 || fn?.type !== 'function' || fn.value.toLowerCase() !== 'device-cmyk') return fail(name, `--${name} is ${v}, not a device-cmyk() colour`, hint);
    const parts = fn.nodes.filter((n) => n.type !== 'space');
    const inks = parts.map((n) => {
      const unit = n.type === 'word' ? valueParser.unit(n.value) : false;
      if (!unit || (unit.unit !== '' && unit.unit !== '%')) return Number.NaN;
      return unit.unit === '%' ? Number(unit.number) / 100 : Number(unit.number);
    });
    if (inks.length !== 4 || inks.some((x) => !(x >= 0 && x <= 1))) return fail(name, `--${name} is ${v}: device-cmyk() takes four inks from 0 to 1 (0% to 100%), separated by spaces`, hint);
    return inks as [number, number, number, number];
  };
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const name = /^var\(--([a-z0-9-]+)\)$/i.exec(v.trim())?.[1];
      return name ? value(name) : v;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  return {
    all: values,
    value,
    colour,
    rgb: (name) => {
      const hex = colour(name);
      return [1, 3, 5].map((i) => Math.round((parseInt(hex.slice(i, i + 2), 16) / 255) * 1000) / 1000) as [number, number, number];
    },
    cmyk,
    place: (name) => places.get(name) ?? rootAt,
    resolve: <T>(v: T) => resolve(v) as T,
  };
}

/** A token the build needs that is missing or not what it must be: a located author error, with its text as the message. */
export class BrandTokenError extends BuildError {
  constructor(diagnostic: Diagnostic) {
    super([diagnostic]);
    this.message = `${TOKENS_PATH}: ${diagnostic.message}`;
    this.name = 'BrandTokenError';
  }
}
