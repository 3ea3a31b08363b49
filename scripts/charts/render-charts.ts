import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { Question, Survey } from '../survey/survey-model.js';
import { chartRows, chartSubtitle, editionRows, partialNote } from './chart-rows.js';
import { loadChartSpec, type ChartSpec } from './load-chart-spec.js';
import { ChartFetchRefused, refusingLoader } from './refusing-loader.js';
import { chartTemplate } from './chart-template.js';
import { createTextMeasurer, type TextMeasurer } from './text-metrics.js';
import { decodeBrandFaces } from '../fonts/brand-sfnt.js';
import { readBrand, type Brand } from '../brand/brand.js';
import { wrapText } from './wrap-text.js';
import { loadChartTheme } from './chart-theme.js';
import { NARROW, narrowSpec } from './narrow-spec.js';

export interface RenderedChart {
  readonly id: string;
  readonly svg: string;
  /** The phone layout (labels above the bars, narrow-spec.ts), when the spec has that shape. */
  readonly narrowSvg?: string;
}

const LABEL_WIDTH = 190;
const TITLE_WIDTH = 520;
/** The dataset every chart's rows are bound to (its question's id would make each spec unique). */
const ROWS = 'rows';

/**
 * Renders every question's chart to static SVG, with real text metrics (the brand's sans) and
 * seeded randomness. `use`: the build's brand and measurer; without, they are made here.
 */
export async function renderCharts(
  root: string, survey: Survey, signal?: AbortSignal, use: { readonly brand?: Brand; readonly measurer?: TextMeasurer } = {},
): Promise<Map<string, RenderedChart>> {
  const brand = use.brand ?? readBrand(root);
  const measurer = use.measurer ?? createTextMeasurer(await decodeBrandFaces(brand.fonts));
  const diagnostics = new DiagnosticList();
  const theme = await loadChartTheme(root, diagnostics, brand.fonts.families.sans);
  if (!theme) diagnostics.throwIfErrors();
  (vega as unknown as { textMetrics: { width: (item: TextItem, text: string) => number } }).textMetrics.width =
    (item, text) => measurer.width(String(text), item.fontSize ?? 11, item.fontWeight);
  const charts = new Map<string, RenderedChart>();
  // Charts of one shape (kind, orientation, size, label lines) share one compiled and parsed spec.
  const runtimes = new Map<string, unknown>();
  for (const q of [...survey.questions.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    signal?.throwIfAborted();
    const spec = await loadChartSpec(root, q.id, diagnostics);
    if (!spec) continue;
    try {
      const measure = (s: string, size: number, weight?: number) => measurer.width(s, size, weight);
      const svg = (await renderOne(q, spec, theme!, measure, 'wide', runtimes))!;
      const narrowSvg = await renderOne(q, spec, theme!, measure, 'narrow', runtimes);
      charts.set(q.id, { id: q.id, svg, ...(narrowSvg ? { narrowSvg } : {}) });
    } catch (e) {
      diagnostics.error(`charts/${q.id}.vl.json`, 1, 1, `the chart could not be rendered: ${(e as Error).message}`, 'check the spec against the Vega-Lite documentation', 'chart-render');
    }
  }
  diagnostics.throwIfErrors();
  return charts;
}

interface TextItem { fontSize?: number; fontWeight?: number | string }

/** The wide layout's label column, or the narrow one's labels across the chart (its SVG has the class chart-narrow). */
type Layout = 'wide' | 'narrow';

async function renderOne(
  q: Question, spec: ChartSpec, theme: Record<string, unknown>, measure: (s: string, size: number, weight?: number) => number, layout: Layout,
  runtimes: Map<string, unknown>,
): Promise<string | undefined> {
  const narrow = layout === 'narrow';
  const [labelWidth, labelSize, titleWidth] = narrow ? [NARROW.labelWidth, NARROW.labelSize, NARROW.titleWidth] : [LABEL_WIDTH, 12, TITLE_WIDTH];
  const wrap = (label: string) => wrapText(label, labelWidth, (s) => measure(s, labelSize));
  if (spec.kind === 'editions' && !q.previous) throw new Error(`a two-edition chart needs \`previous:\` in charts/data/${q.id}.yaml`);
  const rows = spec.kind === 'editions' ? editionRows(q, wrap, spec.sort) : chartRows(q, wrap, spec.sort);
  const maxLines = Math.max(...rows.map((r) => r.label.split('\n').length));
  let bound = chartTemplate(spec, maxLines);
  const subtitle = [chartSubtitle(q), partialNote(q)].filter((s): s is string => Boolean(s));
  const titleLines = wrapText(q.title, titleWidth, (s) => measure(s, 15, 700));
  const subtitleLines = subtitle.flatMap((s) => wrapText(s, titleWidth, (t) => measure(t, 12)));
  // The title and the data are bound when the view is made, so the spec is the chart's shape alone.
  bound.title = { text: { expr: 'chartTitle' }, subtitle: { expr: 'chartSubtitle' } };
  bound.data = { name: ROWS };
  if (narrow) {
    const adapted = narrowSpec(bound, maxLines);
    if (!adapted) return undefined;
    bound = adapted;
  }
  const shape = JSON.stringify(bound);
  let runtime = runtimes.get(shape);
  if (!runtime) {
    const shaped = { ...bound, params: [{ name: 'chartTitle', value: [] }, { name: 'chartSubtitle', value: [] }] };
    runtime = vega.parse(compile(shaped as unknown as TopLevelSpec, { config: theme as never }).spec);
    runtimes.set(shape, runtime);
  }
  // Seeded so any randomness in Vega (jitter, sampling) gives the same SVG every build.
  const stats = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };
  stats.setRandom(stats.randomLCG(1));
  const { loader, refused } = refusingLoader();
  const view = new vega.View(runtime as ReturnType<typeof vega.parse>, { renderer: 'none', logLevel: vega.Error, loader });
  view.signal('chartTitle', titleLines).signal('chartSubtitle', subtitleLines);
  view.data(ROWS, rows);
  const svg = await view.toSVG();
  view.finalize();
  if (refused.length > 0) throw new ChartFetchRefused(refused[0]!);
  if (!narrow) return scopeIds(svg, q.id);
  return scopeIds(svg, `${q.id}-narrow`).replace(/\sclass="marks"/, ' class="marks chart-narrow"');
}

/**
 * Vega numbers clip paths with a process-wide counter (`clip118`), so a chart's SVG changed
 * with the charts rendered before it. Renumber them per chart, prefixed with the chart's id so
 * the ids stay unique in a page (web, print) that inlines every chart.
 */
export function scopeIds(svg: string, chartId: string): string {
  const names = new Map<string, string>();
  for (const m of svg.matchAll(/(?<=\s)id="([^"]+)"/g)) {
    if (!names.has(m[1]!)) names.set(m[1]!, `chart-${chartId}-${m[1]!.replace(/\d+$/, '')}${names.size + 1}`);
  }
  return svg.replace(/(?<=\s)id="([^"]+)"|url\(#([^)]+)\)/g, (all, id?: string, ref?: string) =>
    id ? `id="${names.get(id)}"` : names.has(ref!) ? `url(#${names.get(ref!)})` : all);
}
