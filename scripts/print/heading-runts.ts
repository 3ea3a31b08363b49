import type { PreflightFinding } from './preflight.js';

/** A printed line of a heading: its words and how wide it is (CSS px). */
export interface HeadingLine {
  readonly text: string;
  readonly width: number;
}

/** A heading measured in the print page: the ids around it (its own first) and its lines. */
export interface MeasuredHeading {
  readonly ids: string[];
  readonly lines: HeadingLine[];
}

/** A last line of one word shorter than this many letters is a runt... */
const MIN_LETTERS = 4;
/** ...and so is one narrower than this part of the line above. */
const MIN_SHARE = 0.3;

/**
 * Runs inside the print page before printing (self-contained: no imports, no closures; no
 * inner named functions either: tsx and esbuild wrap those in a `__name` helper the page lacks).
 *
 * The lines of every h1–h4, as they will print: the body set at the printed column's width
 * (by the caller: column-width.ts), each word's box read from a DOM range, a word on a line lower than the
 * one before opening a new line. Words that touch (`Python<em>3</em>`) are one.
 */
export function measureHeadingLines(): MeasuredHeading[] {
  const measured: MeasuredHeading[] = [];
  for (const heading of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4')) {
    if (heading.getClientRects().length === 0) continue;
    const lines: Array<{ words: string[]; top: number; left: number; right: number }> = [];
    const texts = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const box = [...range.getClientRects()].find((r) => r.width > 0);
        if (!box) continue;
        const line = lines[lines.length - 1];
        if (!line || box.top > line.top + box.height / 2) {
          lines.push({ words: [match[0]], top: box.top, left: box.left, right: box.right });
        } else {
          if (box.left - line.right < 1) line.words[line.words.length - 1] += match[0];
          else line.words.push(match[0]);
          line.left = Math.min(line.left, box.left);
          line.right = Math.max(line.right, box.right);
        }
      }
    }
    const ids: string[] = [];
    for (let at: HTMLElement | null = heading; at; at = at.parentElement) if (at.id) ids.push(at.id);
    measured.push({ ids, lines: lines.map((l) => ({ text: l.words.join(' '), width: l.right - l.left })) });
  }
  return measured;
}

/**
 * Why a heading's last line is a runt, if it is: one word, shorter than four letters
 * ("…Python 2 to Python / 3", "…ML, and / AI") or much narrower than the line above.
 */
export function headingRunt(lines: readonly HeadingLine[]): string | undefined {
  if (lines.length < 2) return undefined;
  const last = lines[lines.length - 1]!;
  const above = lines[lines.length - 2]!;
  const words = last.text.trim().split(/\s+/);
  if (words.length !== 1) return undefined;
  const letters = words[0]!.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (letters < MIN_LETTERS) return `its last line is one short word (${JSON.stringify(words[0])})`;
  if (last.width < MIN_SHARE * above.width) return `its last line is one word (${JSON.stringify(words[0])}), ${Math.round((100 * last.width) / above.width)}% of the line above`;
  return undefined;
}

/** The heading-runt findings: each runt heading on the page of its id (or of the nearest id around it that has one). */
export function headingRunts(headings: readonly MeasuredHeading[], pageOf: ReadonlyMap<string, number>): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const { ids, lines } of headings) {
    const why = headingRunt(lines);
    const page = ids.map((id) => pageOf.get(id)).find((p) => p !== undefined);
    if (!why || page === undefined) continue;
    const text = lines.map((l) => l.text).join(' / ');
    findings.push({ page, kind: 'heading-runt', message: `a heading ends on a runt: ${why}: ${JSON.stringify(text.length > 90 ? `…${text.slice(-90)}` : text)}` });
  }
  return findings;
}
