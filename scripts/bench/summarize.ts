import type { BuildRun } from './run-build.js';

export interface ScenarioResult {
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssMb?: number;
  readonly stages?: Record<string, number>;
  readonly outputs?: BuildRun['outputs'];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Median, min and max wall time, the per-stage medians and the peak memory of a scenario. */
export function summarize(name: string, samples: Array<BuildRun | number>): ScenarioResult {
  const walls = samples.map((s) => (typeof s === 'number' ? s : s.wallMs));
  const runs = samples.filter((s): s is BuildRun => typeof s !== 'number');
  const stageNames = [...new Set(runs.flatMap((r) => Object.keys(r.stages)))];
  return {
    name, runs: samples.length,
    medianMs: Math.round(median(walls)), minMs: Math.round(Math.min(...walls)), maxMs: Math.round(Math.max(...walls)),
    ...(runs.length > 0 ? {
      peakRssMb: Math.round(Math.max(...runs.map((r) => r.peakRssBytes)) / 2 ** 20),
      stages: Object.fromEntries(stageNames.map((n) => [n, Math.round(median(runs.map((r) => r.stages[n] ?? 0)))])),
      outputs: runs.at(-1)!.outputs,
    } : {}),
  };
}

export function formatTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => [r.name, String(r.runs), `${r.medianMs}`, `${r.minMs}`, `${r.maxMs}`, r.peakRssMb === undefined ? '' : `${r.peakRssMb}`]);
  const head = ['scenario', 'runs', 'median ms', 'min ms', 'max ms', 'peak MB'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const cold = results.find((r) => r.name.startsWith('cold'));
  const floor = results.find((r) => r.name.startsWith('chromium floor'));
  const out = [line(head), line(head.map((_, i) => '-'.repeat(widths[i]!))), ...rows.map(line)];
  if (cold?.stages) out.push('', 'cold build, stage medians (ms):', ...Object.entries(cold.stages).map(([k, v]) => `  ${k.padEnd(16)} ${String(v).padStart(6)}`));
  if (cold?.outputs) out.push('', 'outputs:', ...cold.outputs.map((o) => `  ${o.path}  ${o.kib} KiB${o.pages ? `, ${o.pages} pages` : ''}`));
  if (cold && floor) out.push('', `cold / chromium floor = ${(cold.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 1.5×)`);
  return out.join('\n');
}
