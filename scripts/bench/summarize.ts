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
  /** Why a run of the scenario failed (the scenario stopped there). */
  readonly failed?: string;
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

/**
 * Issue 22's targets, by scenario (its name's start): the median's ratio to md-to-pdf's on the
 * same machine in the same run, and for the synthetic book its memory and its time to one book's.
 */
const TARGETS: ReadonlyArray<{ readonly scenario: string; readonly ratio?: number; readonly text: string }> = [
  { scenario: 'cold (all outputs)', ratio: 1.5, text: '≤ 1.5×' },
  { scenario: 'nothing changed', ratio: 0.25, text: '≤ 0.25×' },
  { scenario: 'warm, one chapter edited', ratio: 1.0, text: '≤ 1.0× (all outputs)' },
  { scenario: 'warm, web edition only', ratio: 0.15, text: '≤ 0.15×' },
  { scenario: 'synthetic book', text: '≤ 1536 MB, ≤ 10× cold' },
];

function targetOf(name: string) {
  // The longest match: "warm, one chapter edited, PDF only" is not "warm, one chapter edited".
  return TARGETS.find((t) => name === t.scenario) ?? TARGETS.find((t) => t.scenario === 'synthetic book' && name.includes(t.scenario));
}

export function formatTable(results: readonly ScenarioResult[]): string {
  const peer = results.find((r) => r.name.startsWith('md-to-pdf'));
  const rows = results.map((r) => {
    const target = targetOf(r.name);
    const ratio = peer && r !== peer ? r.medianMs / peer.medianMs : undefined;
    const cold = results.find((c) => c.name.startsWith('cold'));
    const met = target?.ratio !== undefined ? (ratio === undefined ? undefined : ratio <= target.ratio)
      : target && cold && r.peakRssMb !== undefined ? r.peakRssMb <= 1536 && r.medianMs <= 10 * cold.medianMs : undefined;
    const verdict = met === undefined ? '' : met ? ' met' : ' NOT met';
    const n = (x: number) => (Number.isNaN(x) ? '' : `${x}`);
    return [r.name, String(r.runs), n(r.medianMs), n(r.minMs), n(r.maxMs), r.peakRssMb === undefined ? '' : `${r.peakRssMb}`,
      ratio === undefined || Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}×`, r.failed ? `FAILED after ${r.runs} run(s)` : target ? `${target.text}${verdict}` : ''];
  });
  const head = ['scenario', 'runs', 'median ms', 'min ms', 'max ms', 'peak MB', '/ md-to-pdf', 'target (issue 22)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const cold = results.find((r) => r.name.startsWith('cold'));
  const floor = results.find((r) => r.name.startsWith('chromium floor'));
  const out = [line(head), line(head.map((_, i) => '-'.repeat(widths[i]!))), ...rows.map(line)];
  if (cold?.stages) out.push('', 'cold build, stage medians (ms):', ...Object.entries(cold.stages).map(([k, v]) => `  ${k.padEnd(16)} ${String(v).padStart(6)}`));
  if (cold?.outputs) out.push('', 'outputs:', ...cold.outputs.map((o) => `  ${o.path}  ${o.kib} KiB${o.pages ? `, ${o.pages} pages` : ''}`));
  if (cold && floor) out.push('', `cold / chromium floor = ${(cold.medianMs / floor.medianMs).toFixed(2)}×`);
  for (const r of results.filter((f) => f.failed)) out.push('', `${r.name}: failed: ${r.failed}`);
  out.push(...targetLines(results));
  return out.join('\n');
}

/** The speed targets (issues 17 and 22), each as measured in this run: ratios to the peer, or ms. */
function targetLines(results: readonly ScenarioResult[]): string[] {
  const measured = results.filter((r) => !r.failed);
  const find = (prefix: string) => measured.find((r) => r.name === prefix) ?? measured.find((r) => r.name.startsWith(prefix));
  const peer = find('md-to-pdf');
  const lines: string[] = [];
  const ratio = (prefix: string, target: number) => {
    const r = find(prefix);
    if (!r || !peer) return;
    const x = r.medianMs / peer.medianMs;
    lines.push(`  ${`${prefix} / md-to-pdf`.padEnd(48)} ${x.toFixed(2).padStart(6)}×  target ≤ ${target}×  ${x <= target ? 'met' : 'NOT met'}`);
  };
  const ms = (prefix: string, target: number) => {
    const r = find(prefix);
    if (r) lines.push(`  ${prefix.padEnd(48)} ${String(r.medianMs).padStart(6)} ms target ≤ ${target} ms  ${r.medianMs <= target ? 'met' : 'NOT met'}`);
  };
  ratio('cold (all outputs)', 1.5);
  ratio('nothing changed', 0.25);
  ratio('warm, one chapter edited', 1.0);
  ratio('warm, one chapter edited, PDF only', 0.8);
  ratio('warm, web edition only', 0.15);
  ms('warm, web edition only', 300);
  ms('dev live reload, essay', 300);
  ms('dev live reload, report section', 300);
  const cold = find('cold (all outputs)');
  const scaled = measured.find((r) => r.name.includes('synthetic book'));
  if (cold?.peakRssMb !== undefined) lines.push(`  ${'cold peak memory'.padEnd(48)} ${String(cold.peakRssMb).padStart(6)} MB target ≤ 800 MB  ${cold.peakRssMb <= 800 ? 'met' : 'NOT met'}`);
  if (cold && scaled?.peakRssMb !== undefined) {
    const x = scaled.medianMs / cold.medianMs;
    lines.push(`  ${'synthetic book peak memory'.padEnd(48)} ${String(scaled.peakRssMb).padStart(6)} MB target ≤ 1536 MB  ${scaled.peakRssMb <= 1536 ? 'met' : 'NOT met'}`);
    lines.push(`  ${'synthetic book / cold'.padEnd(48)} ${x.toFixed(2).padStart(6)}×  target ≤ 10×  ${x <= 10 ? 'met' : 'NOT met'}`);
  }
  return lines.length ? ['', 'targets (medians of this run):', ...lines] : [];
}
