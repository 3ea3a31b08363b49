import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { CHART_FIELDS } from './chart-rows.js';
import { location } from 'vfile-location';
import { findFetches } from './find-fetches.js';

export type ChartSpec = Record<string, unknown>;

/** Line and column of the first occurrence of `needle` in a JSON text (for messages). */
function positionIn(text: string, needle: string): { line: number; column: number } {
  const i = Math.max(0, text.indexOf(needle));
  const { line, column } = location(text).toPoint(i)!;
  return { line, column };
}

/**
 * Reads `charts/<id>.vl.json` and checks what binds it to the data: JSON syntax, the named
 * dataset (no inline values or URLs: numbers live only in charts/data), and its fields.
 */
export async function loadChartSpec(root: string, id: string, diagnostics: DiagnosticList): Promise<ChartSpec | undefined> {
  const path = `charts/${id}.vl.json`;
  let text: string;
  try {
    text = await readProjectFile(root, path, 'utf8');
  } catch (e) {
    if (e instanceof ProjectFileError && e.kind === 'outside') {
      diagnostics.error(path, 1, 1, e.message, e.hint, 'outside-project');
      return undefined;
    }
    diagnostics.error(`charts/data/${id}.yaml`, 1, 1, `question "${id}" has no chart spec ${path}`, 'copy a spec from charts/ and set "data": {"name": "<question-id>"}', 'chart-spec');
    return undefined;
  }
  let spec: ChartSpec;
  try {
    spec = JSON.parse(text) as ChartSpec;
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const pos = m ? positionIn(text.slice(0, Number(m[1])) + '\u0000', '\u0000') : { line: 1, column: 1 };
    diagnostics.error(path, pos.line, pos.column, `invalid JSON: ${(e as Error).message}`, 'check commas and quotes', 'chart-spec');
    return undefined;
  }
  const fetches = findFetches(text);
  for (const f of fetches) {
    if (f.key === 'url') {
      diagnostics.error(path, f.line, f.column, `the spec reads a URL (${f.pointer}): charts never load files or the network`, `numbers live only in charts/data/*.yaml; bind the chart by name, "data": {"name": "${id}"}`, 'chart-url');
    } else {
      diagnostics.error(path, f.line, f.column, `the spec links marks to a URL (${f.pointer})`, 'a chart is a picture in every edition (print cannot follow it, and a link can run script): put links in the text around the chart', 'chart-url');
    }
  }
  const data = spec.data as { name?: unknown; values?: unknown; url?: unknown } | undefined;
  // A top-level data.url is reported above, with its position.
  if ((!data || data.name !== id || 'values' in data) && !(data && 'url' in data)) {
    const p = positionIn(text, '"data"');
    // Say which of the three mistakes it is: the fix differs.
    const problem = data && 'values' in data ? 'pastes its data inline ("values")'
      : typeof data?.name === 'string' ? `names the dataset "${data.name}", which does not exist for this chart (its dataset is "${id}")`
      : 'names no dataset';
    diagnostics.error(path, p.line, p.column, `the spec ${problem}: bind it by name, "data": {"name": "${id}"}`, 'numbers live only in charts/data/*.yaml; never paste values into a spec', 'chart-data');
  }
  for (const m of text.matchAll(/"field"\s*:\s*"([^"]+)"/g)) {
    if (!(CHART_FIELDS as readonly string[]).includes(m[1]!)) {
      const p = positionIn(text, m[0]);
      diagnostics.error(path, p.line, p.column, `field "${m[1]}" is not in the data`, `a chart row has the fields ${CHART_FIELDS.join(', ')}`, 'chart-field');
    }
  }
  // A spec that would fetch is never handed to Vega (whose loader refuses anyway).
  return fetches.length > 0 ? undefined : spec;
}
