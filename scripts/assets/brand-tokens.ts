import postcss from 'postcss';
import { readProjectFileSync } from '../diagnostics/project-files.js';

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
  /** Every `var(--name)` string in a JSON-like value (a chart theme) replaced by the token's value. */
  resolve<T>(value: T): T;
}

export function readBrandTokens(root: string): BrandTokens {
  return parseBrandTokens(readProjectFileSync(root, TOKENS_PATH));
}

/** The custom properties of the top-level `:root` rule; the dark scheme's overrides are the web edition's own. */
export function parseBrandTokens(css: string): BrandTokens {
  const values = new Map<string, string>();
  for (const node of postcss.parse(css, { from: TOKENS_PATH }).nodes) {
    if (node.type !== 'rule' || node.selector !== ':root') continue;
    node.walkDecls((decl) => {
      if (decl.prop.startsWith('--')) values.set(decl.prop.slice(2), decl.value.trim());
    });
  }
  const value = (name: string): string => {
    const found = values.get(name);
    if (found === undefined) throw new Error(`${TOKENS_PATH} defines no --${name} in its :root rule`);
    return found;
  };
  const colour = (name: string): string => {
    const v = value(name).toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(v)) throw new Error(`${TOKENS_PATH}: --${name} is ${v}, not a #rrggbb colour`);
    return v;
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
    resolve: <T>(v: T) => resolve(v) as T,
  };
}
