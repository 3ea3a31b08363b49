import type { SetLine } from './set-paragraph.js';

/** What the line setting gives, counted as a book designer reads it (and as ../shared/tools/typography.py counts the PDF). */
export interface TypographyCounts {
  readonly lines: number;
  readonly hyphenated: number;
  readonly loose: number;
  readonly short: number;
  readonly ladders: number;
  readonly runts: number;
  /** Paragraphs the browser set (line by line) because the plan did not hold in the page. */
  readonly browserSet: number;
}

export const NO_COUNTS: TypographyCounts = { lines: 0, hyphenated: 0, loose: 0, short: 0, ladders: 0, runts: 0, browserSet: 0 };

/** A justified line whose mean word gap is this wide or wider is loose (a normal gap is ~3.5 pt in the 11 pt body). */
export const LOOSE_GAP_PT = 6;
const PT_PER_PX = 0.75;

/** One paragraph's faults, each with the line (from 1) it is on. */
export interface LineFault {
  readonly kind: 'loose-line' | 'short-fragment' | 'hyphen-ladder' | 'hyphen-runt';
  readonly line: number;
  readonly message: string;
}

/** The faults of one set paragraph: loose lines, hyphenations leaving < 3 letters, 3+ hyphens in a row, a last line that is the rest of a hyphenated word. */
export function lineFaults(lines: readonly SetLine[]): LineFault[] {
  const faults: LineFault[] = [];
  let run = 0;
  for (const [i, line] of lines.entries()) {
    const gap = line.gap * PT_PER_PX;
    if (!line.last && line.words >= 3 && gap >= LOOSE_GAP_PT) faults.push({ kind: 'loose-line', line: i + 1, message: `a loose line (mean word gap ${gap.toFixed(1)} pt)` });
    if (line.hyphen?.soft && (line.hyphen.before < 3 || line.hyphen.after < 3)) faults.push({ kind: 'short-fragment', line: i + 1, message: 'a hyphenation leaves fewer than 3 letters on a side' });
    run = line.hyphen ? run + 1 : 0;
    if (run === 3) faults.push({ kind: 'hyphen-ladder', line: i + 1, message: '3 hyphenated lines in a row' });
    const before = lines[i - 1];
    if (line.last && line.words === 1 && before?.hyphen?.soft) faults.push({ kind: 'hyphen-runt', line: i + 1, message: 'the last line is the rest of a hyphenated word' });
  }
  return faults;
}

/** The counts of the set paragraphs' lines. */
export function countLines(paragraphs: ReadonlyArray<readonly SetLine[]>, browserSet: number): TypographyCounts {
  let lines = 0;
  let hyphenated = 0;
  const kinds = new Map<LineFault['kind'], number>();
  for (const p of paragraphs) {
    lines += p.length;
    hyphenated += p.filter((l) => l.hyphen).length;
    for (const f of lineFaults(p)) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  }
  return { lines, hyphenated, loose: kinds.get('loose-line') ?? 0, short: kinds.get('short-fragment') ?? 0, ladders: kinds.get('hyphen-ladder') ?? 0, runts: kinds.get('hyphen-runt') ?? 0, browserSet };
}

export function addCounts(a: TypographyCounts, b: TypographyCounts): TypographyCounts {
  return { lines: a.lines + b.lines, hyphenated: a.hyphenated + b.hyphenated, loose: a.loose + b.loose, short: a.short + b.short, ladders: a.ladders + b.ladders, runts: a.runts + b.runts, browserSet: a.browserSet + b.browserSet };
}

/** The line the build prints beside the fill figures. */
export function formatCounts(c: TypographyCounts, pageEndHyphens: number): string {
  const share = c.lines > 0 ? ((100 * c.hyphenated) / c.lines).toFixed(1) : '0.0';
  return `  lines: ${c.lines} set as paragraphs, ${c.hyphenated} hyphenated (${share}%), loose: ${c.loose}, short: ${c.short}, ladders: ${c.ladders}, runts: ${c.runts}, at a page end: ${pageEndHyphens}; ${c.browserSet} set by the browser`;
}
