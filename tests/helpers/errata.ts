import { readFileSync } from 'node:fs';

/** One row of the `## Corrections` table of manuscript/ERRATA.md. */
export interface Correction {
  readonly lines: readonly number[];
  readonly printed: string;
  readonly corrected: string;
  readonly why: string;
}

/** The cells of every body row of the Markdown table under `## <heading>` (up to the next `## `). */
export function tableRows(markdown: string, heading: string): string[][] {
  const start = markdown.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = markdown.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => /^## /.test(l));
  return (end < 0 ? rest : rest.slice(0, end))
    .filter((l) => l.trim().startsWith('|'))
    .map((l) => l.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|')))
    .filter((cells) => !/^:?-+:?$/.test(cells[0] ?? '') && cells[0] !== 'Seed line');
}

/** "450", "450, 454", "2283–2284" → line numbers. */
export function lineNumbers(cell: string): number[] {
  return cell.split(/[,/]/).flatMap((part) => {
    const m = /(\d+)\s*(?:[–-]\s*(\d+))?/.exec(part);
    if (!m) return [];
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    return Array.from({ length: b - a + 1 }, (_, k) => a + k);
  });
}

export function readCorrections(errataFile: string): Correction[] {
  return tableRows(readFileSync(errataFile, 'utf8'), 'Corrections').map(([line = '', printed = '', corrected = '', why = '']) => ({
    lines: lineNumbers(line), printed, corrected, why,
  }));
}
