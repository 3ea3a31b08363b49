import type { Answer, Question } from '../survey/survey-model.js';

/** The row shape every chart binds to. */
export interface ChartRow {
  readonly label: string;
  readonly share: number;
  readonly shareText: string;
  readonly count: number | null;
  readonly answer: string;
  /** Two-edition charts: the edition of this bar (a year, as text) and its value label. */
  readonly edition?: string;
  readonly valueText?: string;
}

/**
 * The answers in the order every view shows them (chart, data table, CSV, alt text): an
 * ordered scale in its natural order (as listed in the data file), others by share, largest
 * first, ties keeping the data file's order. `sort` overrides it for one chart.
 */
export function answersInOrder(q: Question, sort: 'share' | 'scale' = q.ordered ? 'scale' : 'share'): Answer[] {
  return sort === 'scale' ? [...q.answers] : [...q.answers].sort((a, b) => b.share - a.share);
}

/** Rows for one question, labels wrapped (joined by newlines) to the chart's label column. */
export function chartRows(q: Question, wrap: (label: string) => string[], sort?: 'share' | 'scale'): ChartRow[] {
  return answersInOrder(q, sort).map((a) => ({ label: wrap(a.label).join('\n'), share: a.share, shareText: a.shareText, count: a.count, answer: a.id }));
}

/**
 * Two rows per answer for a two-edition chart: the previous edition's share, then this
 * edition's, labelled with the change in percentage points. An answer new in this edition
 * has only this edition's bar.
 */
export function editionRows(q: Question, wrap: (label: string) => string[], sort?: 'share' | 'scale'): ChartRow[] {
  return answersInOrder(q, sort).flatMap((a) => {
    const label = wrap(a.label).join('\n');
    const now: ChartRow = {
      label, share: a.share, shareText: a.shareText, count: a.count, answer: a.id,
      edition: String(q.edition ?? ''), valueText: a.previous ? `${a.shareText} (${a.previous.changeText})` : a.shareText,
    };
    if (!a.previous) return [now];
    return [{ label, share: a.previous.share, shareText: a.previous.shareText, count: null, answer: a.id, edition: String(q.previous!.edition), valueText: a.previous.shareText }, now];
  });
}

/** Plain-words note printed with a partial question's chart. */
export function partialNote(q: Question): string | null {
  return q.complete ? null : "Only the answers cited in the report are shown.";
}

/** `n = 102`, with whom it counts when the data says so. */
export function baseLabel(q: Question): string {
  return `n = ${q.base}${q.base_of === 'answered' ? ' who answered' : q.base_of === 'shown' ? ' shown the question' : ''}`;
}

export function chartSubtitle(q: Question): string {
  return [q.instruction, baseLabel(q), q.kind === 'multi' ? 'several answers per respondent, so shares may add up to more than 100%' : null].filter(Boolean).join(' · ');
}

/**
 * Said once per question: the printed shares that are no whole number of the base (the
 * report printed them so; the data report explains each).
 */
export function baseMismatchNote(q: Question): string | null {
  const odd = [...new Set(q.answers.filter((a) => a.count === null).map((a) => a.shareText))];
  if (odd.length === 0) return null;
  const list = odd.length === 1 ? odd[0] : `${odd.slice(0, -1).join(', ')} and ${odd.at(-1)}`;
  return `As printed in the report: ${list} ${odd.length === 1 ? 'is not a whole number' : 'are not whole numbers'} of the ${q.base} respondents.`;
}

/** Alt text from the data: the question, the answers in chart order, and whether the list is partial. */
export function chartAltText(q: Question): string {
  const ordered = answersInOrder(q);
  const shown = q.ordered ? ordered : ordered.slice(0, 5);
  const top = shown.map((a) => `${a.label}: ${a.shareText}${a.previous ? ` (${a.previous.changeText} since ${q.previous!.edition})` : ''}`).join('; ');
  const more = ordered.length > shown.length ? `; and ${ordered.length - shown.length} more answers` : '';
  const scope = q.complete ? `All ${ordered.length} answers` : `The ${ordered.length} answers cited in the report`;
  // The instruction comes in parentheses ("(select max. 3 answers)"): in a sentence it reads without them.
  const instruction = q.instruction?.startsWith('(') && q.instruction.endsWith(')') ? q.instruction.slice(1, -1) : q.instruction;
  const about = [instruction, baseLabel(q), q.kind === 'multi' ? 'several answers per respondent' : null].filter(Boolean).join('; ');
  return `Bar chart. ${q.title} (${about}). ${scope}, ${q.ordered ? 'in scale order' : 'by share'}: ${top}${more}.`;
}
