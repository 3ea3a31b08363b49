import { BuildError, type DiagnosticList } from '../diagnostics/diagnostic.js';
import { readProjectFile } from '../diagnostics/project-files.js';
import type { RenderedChart } from './render-charts.js';
import { createVegaLiteValidator } from './validate-vega-lite.js';
import { checkChartSpec, loadChartSpec } from './load-chart-spec.js';
import type { Question, Survey } from '../survey/survey-model.js';
import type { BuildCache, CacheUse } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import { sharedTextMeasurer } from './shared-measurer.js';
import { TOKENS_PATH } from '../assets/brand-tokens.js';
import type { Brand } from '../brand/brand.js';
import { loadChartTheme, THEME_PATH } from './chart-theme.js';

const KIND = 'charts';
/** The phone layout of a chart, under the same key (absent when the spec has no narrow variant). */
const NARROW_KIND = 'charts-narrow';

/**
 * Every question's chart as SVG, re-rendered only when its spec, its data, the theme or the
 * pipeline changed. Chart errors go to `diagnostics` instead of stopping the build here, so
 * the chapters are still compiled and their errors reported in the same run; a chart that
 * failed gets an empty placeholder (the build fails anyway, nothing is published). Without a
 * brand (tokens.css could not be read: that is reported) the specs and the theme are checked, none drawn.
 */
export async function renderChartsCached(
  root: string, brand: Brand | undefined, survey: Survey, cache: BuildCache, diagnostics: DiagnosticList, signal?: AbortSignal,
): Promise<{ charts: Map<string, RenderedChart>; use: CacheUse }> {
  // The theme names the brand's colours in styles/tokens.css, which names its font: both are part of the key.
  const theme = (await readProjectFile(root, THEME_PATH, 'utf8').catch(() => '')) + (await readProjectFile(root, TOKENS_PATH, 'utf8').catch(() => ''));
  // Checked in every build, a warm one too: a theme that loads or links anything, or does not
  // parse, is refused at its place whatever the cache holds.
  const themeOk = (await loadChartTheme(root, diagnostics, brand?.fonts.families.sans)) !== undefined;
  const charts = new Map<string, RenderedChart>();
  const missed = new Map<string, { question: Question; key: string }>();
  for (const question of survey.questions.values()) {
    const spec = await readProjectFile(root, `charts/${question.id}.vl.json`, 'utf8').catch(() => '\0missing');
    const key = contentHash(cache.pipeline, KIND, question.id, spec, JSON.stringify(question), theme);
    const svg = await cache.store.read(KIND, key);
    const narrowSvg = await cache.store.read(NARROW_KIND, key);
    if (svg) charts.set(question.id, { id: question.id, svg: svg.toString('utf8'), ...(narrowSvg ? { narrowSvg: narrowSvg.toString('utf8') } : {}) });
    else missed.set(question.id, { question, key });
  }
  const valid = await validateSpecs(root, [...missed.keys()], cache, diagnostics);
  const rendered = themeOk && brand ? await renderSome(root, brand, survey, valid, cache, diagnostics, signal) : new Map<string, RenderedChart>();
  // Not drawn without a brand: a spec that cannot be read is still named, as drawing it would.
  if (themeOk && !brand) for (const id of valid) await loadChartSpec(root, id, diagnostics);
  for (const id of missed.keys()) if (!rendered.has(id)) rendered.set(id, { id, svg: '' });
  for (const [id, chart] of rendered) {
    charts.set(id, chart);
    if (chart.svg) await cache.store.write(KIND, missed.get(id)!.key, chart.svg);
    if (chart.narrowSvg) await cache.store.write(NARROW_KIND, missed.get(id)!.key, chart.narrowSvg);
  }
  return { charts, use: { reused: survey.questions.size - missed.size, made: [...missed.keys()] } };
}

/** One schema validator per cache (a dev session compiles the schema once, ahead of need). */
export function vegaLiteValidator(cache: BuildCache) {
  return cache.memo('vega-lite-validator', createVegaLiteValidator);
}

/**
 * The ids whose spec is valid (or missing: renderCharts reports that). A spec says only how
 * its chart differs from the house template (chart-template.ts), so it is checked against
 * the spec schema; the Vega-Lite it expands to is the template's, tested with the charts.
 */
async function validateSpecs(root: string, ids: readonly string[], _cache: BuildCache, diagnostics: DiagnosticList): Promise<string[]> {
  const valid: string[] = [];
  for (const id of ids) {
    const path = `charts/${id}.vl.json`;
    const text = await readProjectFile(root, path, 'utf8').catch(() => undefined);
    if (text === undefined || checkChartSpec(text, path, id, diagnostics)) valid.push(id);
  }
  return valid;
}

/**
 * Renders the named charts. When some fail, their diagnostics are kept and the others are
 * rendered again without them (renderCharts reports failures only after trying them all).
 */
async function renderSome(
  root: string, brand: Brand, survey: Survey, ids: readonly string[], cache: BuildCache, diagnostics: DiagnosticList, signal?: AbortSignal,
): Promise<Map<string, RenderedChart>> {
  if (ids.length === 0) return new Map();
  const subset: Survey = { ...survey, questions: new Map(ids.map((id) => [id, survey.questions.get(id)!])) };
  // Vega and Vega-Lite are loaded only when a chart must be drawn: a warm build does without.
  const { renderCharts } = await import('./render-charts.js');
  try {
    return await renderCharts(root, subset, signal, { brand, measurer: await sharedTextMeasurer(cache, brand.fonts) });
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    e.diagnostics.forEach((d) => diagnostics.add(d));
    const failed = new Set(ids.filter((id) => e.diagnostics.some((d) => d.file === `charts/${id}.vl.json` || d.file === `charts/data/${id}.yaml`)));
    // An error that names no chart would fail again: give up on the rest rather than loop.
    if (failed.size === 0) return new Map(ids.map((id) => [id, { id, svg: '' }]));
    const rest = await renderSome(root, brand, survey, ids.filter((id) => !failed.has(id)), cache, diagnostics, signal);
    for (const id of failed) rest.set(id, { id, svg: '' });
    return rest;
  }
}
