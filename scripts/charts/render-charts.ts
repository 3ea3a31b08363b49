import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { Question, Survey } from '../survey/survey-model.js';
import { chartRows, chartSubtitle, editionRows, partialNote } from './chart-rows.js';
import { loadChartSpec, type ChartSpec } from './load-chart-spec.js';
import { chartTemplate } from './chart-template.js';
import { createTextMeasurer, type TextMeasurer } from './text-metrics.js';
import { wrapText } from './wrap-text.js';

export interface RenderedChart {
  readonly id: string;
  readonly svg: string;
}

const THEME_PATH = 'charts/theme.json';
const LABEL_WIDTH = 190;
const TITLE_WIDTH = 520;

/** Renders every question's chart to static SVG, with real text metrics and seeded randomness. */
export async function renderCharts(
  root: string, survey: Survey, signal?: AbortSignal, measurer: TextMeasurer = createTextMeasurer(),
): Promise<Map<string, RenderedChart>> {
  const diagnostics = new DiagnosticList();
  const theme = JSON.parse(await readFile(join(root, THEME_PATH), 'utf8')) as Record<string, unknown>;
  delete theme.$comment;
  (vega as unknown as { textMetrics: { width: (item: TextItem, text: string) => number } }).textMetrics.width =
    (item, text) => measurer.width(String(text), item.fontSize ?? 11, item.fontWeight);
  const charts = new Map<string, RenderedChart>();
  for (const q of [...survey.questions.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    signal?.throwIfAborted();
    const spec = await loadChartSpec(root, q.id, diagnostics);
    if (!spec) continue;
    try {
      const svg = await renderOne(q, spec, theme, (s, size, weight) => measurer.width(s, size, weight));
      charts.set(q.id, { id: q.id, svg });
    } catch (e) {
      diagnostics.error(`charts/${q.id}.vl.json`, 1, 1, `the chart could not be rendered: ${(e as Error).message}`, 'check the spec against the Vega-Lite documentation', 'chart-render');
    }
  }
  diagnostics.throwIfErrors();
  return charts;
}

interface TextItem { fontSize?: number; fontWeight?: number | string }

async function renderOne(
  q: Question, spec: ChartSpec, theme: Record<string, unknown>, measure: (s: string, size: number, weight?: number) => number,
): Promise<string> {
  const wrap = (label: string) => wrapText(label, LABEL_WIDTH, (s) => measure(s, 12));
  if (spec.kind === 'editions' && !q.previous) throw new Error(`a two-edition chart needs \`previous:\` in charts/data/${q.id}.yaml`);
  const rows = spec.kind === 'editions' ? editionRows(q, wrap, spec.sort) : chartRows(q, wrap, spec.sort);
  const maxLines = Math.max(...rows.map((r) => r.label.split('\n').length));
  const bound = chartTemplate(spec, maxLines);
  const subtitle = [chartSubtitle(q), partialNote(q)].filter((s): s is string => Boolean(s));
  bound.title = {
    text: wrapText(q.title, TITLE_WIDTH, (s) => measure(s, 15, 700)),
    subtitle: subtitle.flatMap((s) => wrapText(s, TITLE_WIDTH, (t) => measure(t, 12))),
  };
  const vgSpec = compile(bound as unknown as TopLevelSpec, { config: theme as never }).spec;
  // Seeded so any randomness in Vega (jitter, sampling) gives the same SVG every build.
  const stats = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };
  stats.setRandom(stats.randomLCG(1));
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Error });
  view.data(q.id, rows);
  const svg = await view.toSVG();
  view.finalize();
  return scopeIds(svg, q.id);
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
