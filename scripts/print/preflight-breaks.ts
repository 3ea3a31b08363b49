import type { MarkedExtent } from './page-geometry.js';
import type { PreflightFinding, PreflightReport } from './preflight.js';

/**
 * The breaks a book designer chooses, checked on the printed pages (issue 23): each finding
 * without a reason is a warning, so `--strict` fails on it. Kept apart from preflight.ts,
 * whose findings are about how full the pages are.
 */
export const BREAK_FINDINGS = ['head-on-opener', 'split-commentary', 'listing-break', 'heading-runt', 'justified-narrow', 'footnote-away'] as const;
export type BreakFindingKind = typeof BREAK_FINDINGS[number];

/** The report with more findings, in page order (a stable sort: each kind's own order kept). */
export function withFindings(report: PreflightReport, more: readonly PreflightFinding[], typography?: PreflightReport['typography']): PreflightReport {
  return { ...report, findings: [...report.findings, ...more].sort((a, b) => a.page - b.page), ...(typography ? { typography } : {}) };
}

/** The line the build prints under the fill figures: each break rule's count. */
export function formatBreakCounts(findings: readonly PreflightFinding[]): string {
  return `  breaks: ${BREAK_FINDINGS.map((k) => `${k}: ${findings.filter((f) => f.kind === k).length}`).join(', ')}`;
}

/**
 * A running head on a page a chapter, part, the front or the back matter opens on: text outside
 * any marked content (a margin box's) above the text area. Read before the artifacts are marked.
 */
export function headsOnOpeners(geometry: readonly MarkedExtent[][], opens: ReadonlySet<number>, areaTop: number): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const page of [...opens].sort((a, b) => a - b)) {
    const extents = geometry[page - 1] ?? [];
    if (extents.some((e) => e.mcid === undefined && !e.artifact && [...e.baselines].some((y) => y > areaTop))) {
      findings.push({ page, kind: 'head-on-opener', message: 'a running head on a page a chapter opens on' });
    }
  }
  return findings;
}
