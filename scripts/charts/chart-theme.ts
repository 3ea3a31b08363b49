import { CssSyntaxError } from 'postcss';
import { isMap, isPair, isScalar, visit } from 'yaml';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { parseYamlSource, type YamlSource } from '../config/yaml-source.js';
import { readBrandTokens, TOKENS_PATH, type BrandTokens } from '../assets/brand-tokens.js';
import { cssReferences } from '../assets/css-references.js';
import { checkJsonSyntax, checkUniqueKeys } from './json-source.js';
import { location } from 'vfile-location';

export const THEME_PATH = 'charts/theme.json';

const HINT = 'the theme is Vega-Lite config shared by every chart: colours name the brand\'s tokens, "var(--brand)"; the font is the brand\'s sans, added by the build (see "Add a chart" in README.md)';

/**
 * Reads and checks charts/theme.json, in every build (a cached chart does not read it): its JSON
 * syntax, and that nothing in it loads or links anything. Vega paints a colour `url(…)` as a
 * fill that fetches, draws an image mark's `url`, links a mark's `href`: a chart is a picture
 * made of the book's data and brand alone. A `var(--token)` must name a token of
 * styles/tokens.css. Each problem at its line and column; with any, undefined. `font`, the
 * brand's sans (tokens.css's --font-sans-family), is the theme's font for every text of a chart:
 * the theme names none, so a face change is tokens.css's alone.
 */
export async function loadChartTheme(root: string, diagnostics: DiagnosticList, font?: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readProjectFile(root, THEME_PATH, 'utf8');
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    const missing = e.problem === 'missing';
    diagnostics.error(THEME_PATH, 1, 1, missing ? `${THEME_PATH} is missing` : e.message, missing ? HINT : e.hint, missing ? 'chart-theme' : e.ruleId);
    return undefined;
  }
  const before = diagnostics.errors.length;
  if (!checkJsonSyntax(text, THEME_PATH, diagnostics, 'chart-theme') || !checkUniqueKeys(text, THEME_PATH, diagnostics, 'chart-theme')) return undefined;
  // JSON is YAML, whose parser keeps the place of every value.
  const source = parseYamlSource(text, THEME_PATH, diagnostics);
  if (!source) return undefined;
  if (!isMap(source.doc.contents)) {
    diagnostics.error(THEME_PATH, 1, 1, 'the theme is not a JSON object', HINT, 'chart-theme');
    return undefined;
  }
  const tokens = brandTokens(root);
  checkValues(text, source, tokens, diagnostics);
  if (diagnostics.errors.length > before) return undefined;
  // `$comment`, `$schema`: notes for people and editors, not config.
  const theme = Object.fromEntries(Object.entries(source.value as Record<string, unknown>).filter(([k]) => !k.startsWith('$')));
  const resolved = tokens ? tokens.resolve(theme) : theme;
  return font ? { ...resolved, font } : resolved;
}

/** Keys that load (`url`: an image mark, data) or link (`href`): refused wherever they are nested. */
const FETCHING_KEYS = new Set(['url', 'href']);
/** A string that starts with a scheme; refused when Vega, a browser or an e-reader would fetch, run or link it. */
const SCHEME = /^\s*([a-z][a-z0-9+.-]*):/i;
const FETCHING_SCHEMES = new Set(['http', 'https', 'ftp', 'file', 'data', 'blob', 'javascript', 'vbscript', 'ws', 'wss']);
const TOKEN = /^var\(--([a-z0-9-]+)\)$/i;
/** Vega-Lite's font families (`font`, `labelFont`, `titleFont`…), not their sizes or weights: the brand's, never the theme's. */
const FONT_KEY = /^(font|[a-z]+Font)$/;
/** The faces' and the page's tokens (`--font-…`, `--page-…`): the build's to apply, not the theme's. */
const BRAND_ONLY = /^(font|page)-/;

function checkValues(text: string, source: YamlSource, tokens: BrandTokens | undefined, diagnostics: DiagnosticList): void {
  const place = location(text);
  const positionAt = (offset: number) => {
    const p = place.toPoint(offset);
    return { line: p?.line ?? 1, column: p?.column ?? 1 };
  };
  // The notes at the top (`$comment`, `$schema`) are left out of the theme: only they are skipped.
  const root = source.doc.contents;
  const notes = new Set(isMap(root) ? root.items.filter((p) => isScalar(p.key) && String(p.key.value).startsWith('$')) : []);
  visit(source.doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return undefined;
      if (notes.has(pair)) return visit.SKIP;
      const key = String(pair.key.value);
      if (FETCHING_KEYS.has(key)) {
        const p = positionAt(pair.key.range?.[0] ?? 0);
        diagnostics.error(THEME_PATH, p.line, p.column, `the theme sets "${key}": a chart would ${key === 'url' ? 'load a file or the network' : 'link its marks away'}`, HINT, 'chart-theme');
        // Refused whatever its value: one error, not another for the address.
        return visit.SKIP;
      }
      if (FONT_KEY.test(key) && isScalar(pair.value) && typeof pair.value.value === 'string') {
        const p = positionAt(pair.key.range?.[0] ?? 0);
        diagnostics.error(THEME_PATH, p.line, p.column, `the theme names a font ("${key}": "${pair.value.value}"): every chart is set in the brand's sans`,
          `the faces are named once, in ${TOKENS_PATH} (--font-sans-family); the build gives the charts that font: remove "${key}"`, 'chart-theme');
        return visit.SKIP;
      }
      return undefined;
    },
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const value = node.value;
      const p = positionAt(node.range?.[0] ?? 0);
      const token = TOKEN.exec(value.trim())?.[1];
      if (token) {
        // The `-print` twins are the press PDF's inks, not colours a chart can paint; the faces
        // and the page are the build's (the charts' font is added): neither is offered.
        const usable = tokens ? [...tokens.all].filter(([t, v]) => !/^device-cmyk\(/i.test(v) && !BRAND_ONLY.test(t)).map(([t]) => t) : [];
        if (tokens && !usable.includes(token)) {
          const message = !tokens.all.has(token) ? `var(--${token}) names no token of ${TOKENS_PATH}`
            : BRAND_ONLY.test(token) ? `var(--${token}) is the brand's ${token.startsWith('page-') ? 'page' : 'face'}, not a chart's value: the charts are set in the brand's sans without naming it`
            : `var(--${token}) is a print value (device-cmyk): charts paint the screen colours, and the printer's PDF converts them`;
          diagnostics.error(THEME_PATH, p.line, p.column, message, `the tokens are: ${usable.map((t) => `--${t}`).join(', ')}`, 'chart-theme');
        }
        return;
      }
      const remote = cssReferences(value).find((r) => !r.local);
      const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
      if (remote || (scheme && FETCHING_SCHEMES.has(scheme)) || value.trim().startsWith('//')) {
        diagnostics.error(THEME_PATH, p.line, p.column, `the theme would load ${remote?.url ?? value.trim()}: charts never read files or the network`, HINT, 'chart-theme');
      }
    },
  });
}

/** The brand's tokens, or none when tokens.css cannot be read or parsed (the style check reports that at its place). */
function brandTokens(root: string): BrandTokens | undefined {
  try {
    return readBrandTokens(root);
  } catch (e) {
    if (e instanceof ProjectFileError || e instanceof CssSyntaxError) return undefined;
    throw e;
  }
}
