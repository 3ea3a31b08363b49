import type { Question } from '../survey/survey-model.js';

/** The row shape every chart spec binds to; the fields a spec may use. */
export interface ChartRow {
  readonly label: string;
  readonly share: number;
  readonly shareText: string;
  readonly count: number | null;
  readonly answer: string;
}

export const CHART_FIELDS: readonly (keyof ChartRow)[] = ['label', 'share', 'shareText', 'count', 'answer'];

/** Answers by share, largest first; ties keep the data file's order. */
export function answersByShare(q: Question) {
  return [...q.answers].sort((a, b) => b.share - a.share);
}

/** Rows for one question, sorted by share, labels wrapped (joined by newlines) to the chart's label column. */
export function chartRows(q: Question, wrap: (label: string) => string[]): ChartRow[] {
  return answersByShare(q).map((a) => ({ label: wrap(a.label).join('\n'), share: a.share, shareText: a.shareText, count: a.count, answer: a.id }));
}

/** Plain-words note printed with a partial question's chart. */
export function partialNote(q: Question): string | null {
  return q.complete ? null : "Only the answers cited in the report are shown.";
}

export function chartSubtitle(q: Question): string {
  return [q.instruction, `n = ${q.base}`, q.kind === 'multi' ? `several answers per respondent` : null].filter(Boolean).join(' · ');
}

/** Alt text from the data: the question, the answers in order of share, and whether the list is partial. */
export function chartAltText(q: Question): string {
  const sorted = answersByShare(q);
  const top = sorted.slice(0, 5).map((a) => `${a.label}: ${a.shareText}`).join('; ');
  const more = sorted.length > 5 ? `; and ${sorted.length - 5} more answers` : '';
  const scope = q.complete ? `All ${sorted.length} answers` : `The ${sorted.length} answers cited in the report`;
  // The instruction comes in parentheses ("(select max. 3 answers)"): in a sentence it reads without them.
  const instruction = q.instruction?.startsWith('(') && q.instruction.endsWith(')') ? q.instruction.slice(1, -1) : q.instruction;
  const about = [instruction, `n = ${q.base}`, q.kind === 'multi' ? 'several answers per respondent' : null].filter(Boolean).join('; ');
  return `Bar chart. ${q.title} (${about}). ${scope}, by share: ${top}${more}.`;
}
