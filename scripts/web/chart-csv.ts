import type { Question } from '../survey/survey-model.js';
import { answersInOrder, partialNote } from '../charts/chart-rows.js';
import { WEB_NAMES } from '../chapters/edition-names.js';

export const CSV_COLUMNS = ['question', 'base', 'note', 'answer', 'share', 'count', 'seed_line'] as const;
/** Added when the question has a previous edition, as its data table has. */
export const PREVIOUS_COLUMNS = ['previous_edition', 'previous_share', 'change'] as const;

/** Where a chart's data file lives in the web edition. */
export function csvPath(questionId: string): string {
  return `${WEB_NAMES.data}/${questionId}.csv`;
}

/**
 * One chart's data as CSV (RFC 4180: CRLF, quoted where needed), in the chart's order of bars:
 * the share exactly as printed, the respondents it stands for (empty when not a whole number),
 * the seed line it was read from, and the notes that qualify it.
 */
export function chartCsv(q: Question): string {
  const questionNotes = [partialNote(q), q.note, q.footnote].filter((s): s is string => Boolean(s));
  const rows = answersInOrder(q).map((a) => [
    q.title, String(q.base), [...questionNotes, a.note].filter(Boolean).join(' '),
    a.label, a.shareText, a.count === null ? '' : String(a.count), a.source === undefined ? '' : String(a.source),
    ...(q.previous ? [String(q.previous.edition), a.previous?.shareText ?? '', a.previous?.changeText ?? ''] : []),
  ]);
  return `${[[...CSV_COLUMNS, ...(q.previous ? PREVIOUS_COLUMNS : [])], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * One RFC 4180 field. A text that a spreadsheet would run as a formula (an answer label such as
 * `=HYPERLINK(…)` or `@SUM(…)`) is defused as OWASP recommends: a leading single quote makes it
 * text, and the field is quoted so the quote stays part of the cell.
 */
export function csvField(value: string): string {
  if (FORMULA_START.has(value.charAt(0))) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
