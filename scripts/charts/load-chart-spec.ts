import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { findFetches } from './find-fetches.js';
import { checkJsonSyntax, checkUniqueKeys } from './json-source.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { reportZodIssues } from '../config/report-zod-issues.js';
import { chartSpecSchema, type ChartSpec } from './chart-spec-schema.js';

export type { ChartSpec } from './chart-spec-schema.js';

const HINT = 'a chart spec says only how it differs from the house bar chart: "kind", "orientation", "sort", "width", "step" (see "Add a chart" in README.md)';

/** Reads `charts/<id>.vl.json` and checks it; errors go to `diagnostics` with their position. */
export async function loadChartSpec(root: string, id: string, diagnostics: DiagnosticList): Promise<ChartSpec | undefined> {
  const path = `charts/${id}.vl.json`;
  let text: string;
  try {
    text = await readProjectFile(root, path, 'utf8');
  } catch (e) {
    if (e instanceof ProjectFileError && e.problem !== 'missing') {
      diagnostics.error(path, 1, 1, e.message, e.hint, e.ruleId);
      return undefined;
    }
    diagnostics.error(`charts/data/${id}.yaml`, 1, 1, `question "${id}" has no chart spec ${path}`, `write {"data": {"name": "${id}"}} to ${path} for the house bar chart`, 'chart-spec');
    return undefined;
  }
  return checkChartSpec(text, path, id, diagnostics);
}

/**
 * Checks a spec's text: JSON syntax, the named dataset (no inline values or URLs: numbers
 * live only in charts/data), and the few properties a spec may set. JSON is YAML, whose
 * parser keeps positions for the messages.
 */
export function checkChartSpec(text: string, path: string, id: string, diagnostics: DiagnosticList): ChartSpec | undefined {
  if (!checkJsonSyntax(text, path, diagnostics, 'chart-spec')) return undefined;
  // A spec that would fetch or link is refused at the key, with its JSON path.
  const fetches = findFetches(text);
  for (const f of fetches) {
    if (f.key === 'url') {
      diagnostics.error(path, f.line, f.column, `the spec reads a URL (${f.pointer}): charts never load files or the network`, `numbers live only in charts/data/*.yaml; bind the chart by name, "data": {"name": "${id}"}`, 'chart-url');
    } else {
      diagnostics.error(path, f.line, f.column, `the spec links marks to a URL (${f.pointer})`, 'a chart is a picture in every edition (print cannot follow it, and a link can run script): put links in the text around the chart', 'chart-url');
    }
  }
  if (fetches.length > 0 || !checkUniqueKeys(text, path, diagnostics, 'chart-spec')) return undefined;
  const source = parseYamlSource(text, path, diagnostics);
  if (!source) return undefined;
  const raw = source.value as { data?: { name?: unknown; values?: unknown; url?: unknown } } | null;
  const data = raw?.data;
  if (!data || data.name !== id || 'values' in data || 'url' in data) {
    const p = source.positionOf(['data']);
    // Say which of the three mistakes it is: the fix differs.
    const problem = data && 'values' in data ? 'pastes its data inline ("values")'
      : typeof data?.name === 'string' ? `names the dataset "${data.name}", which does not exist for this chart (its dataset is "${id}")`
      : 'names no dataset';
    diagnostics.error(path, p.line, p.column, `the spec ${problem}: bind it by name, "data": {"name": "${id}"}`, 'numbers live only in charts/data/*.yaml; never paste values into a spec', 'chart-data');
    return undefined;
  }
  const parsed = chartSpecSchema.safeParse(raw);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics, HINT);
    return undefined;
  }
  return parsed.data;
}
