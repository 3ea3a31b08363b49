import type { Question, SurveyFinding } from './survey-model.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';

/**
 * The whole count of respondents a printed share stands for, if any: k/n·100 must round to
 * the share at the precision it was printed with (54.9 → ±0.05, 53 → ±0.5).
 */
export function wholeCount(share: number, base: number, printed: string): number | null {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.replace(/\D/g, '').length : 0;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  const k = Math.round((share * base) / 100);
  return Math.abs((k / base) * 100 - share) <= tolerance ? k : null;
}

/**
 * Checks one question's numbers. Impossible values are errors; the report's own
 * inconsistencies (documented with a `note`) are findings for the data report; an
 * undocumented inconsistency is a warning asking for a note.
 */
export function checkQuestion(q: Question, diagnostics: DiagnosticList, findings: SurveyFinding[]): void {
  const seen = new Set<string>();
  for (const a of q.answers) {
    if (seen.has(a.id)) diagnostics.error(a.at.file, a.at.line, a.at.column, `duplicate answer id "${a.id}" in ${q.id}`, 'answer ids must be unique within a question', 'survey-duplicate');
    seen.add(a.id);
    if (!(a.share >= 0 && a.share <= 100)) {
      diagnostics.error(a.at.file, a.at.line, a.at.column, `share ${a.share} of "${a.label}" is outside 0–100`, 'shares are percentages of respondents, as printed without the % sign', 'survey-range');
      continue;
    }
    if (a.count === null) {
      const message = `share ${a.shareText} of "${a.label}" is not a whole number of the ${q.base} respondents`;
      if (a.note) findings.push({ file: q.file, line: a.at.line, question: q.id, message, explanation: a.note });
      else diagnostics.warn(a.at.file, a.at.line, a.at.column, message, 'if the report prints it so, keep it and explain it in the answer\'s `note:`', 'survey-count');
    }
  }
  // Shares computed from responses are counts of real rows: their sum needs no check (with
  // blanks counted in the base, a single-choice question rightly sums to less than 100%).
  if (q.responses) return;
  const sum = q.answers.reduce((s, a) => s + a.share, 0);
  const line = q.answers[0]!.at.line;
  if (q.kind === 'single') {
    if (q.complete && Math.abs(sum - 100) > 0.5) {
      const message = `the answers of this single-choice question sum to ${round(sum)}%, not 100 ± 0.5`;
      const explanation = q.answers.map((a) => a.note).filter(Boolean).join(' ') || q.note || '';
      if (explanation) findings.push({ file: q.file, line, question: q.id, message, explanation });
      else diagnostics.error(q.file, line, 1, message, 'check the shares against the report; explain a printed inconsistency in a `note:`', 'survey-sum');
    }
    if (!q.complete && sum > 100.5) diagnostics.error(q.file, line, 1, `the cited answers already sum to ${round(sum)}%`, 'a single-choice question cannot exceed 100%', 'survey-sum');
  } else {
    if (q.max === undefined) diagnostics.error(q.file, 1, 1, `multi-select question ${q.id} has no \`max\``, 'set `max:` to the number of answers a respondent could pick', 'survey-max');
    else if (sum > q.max * 100 + 0.5) diagnostics.error(q.file, line, 1, `the answers sum to ${round(sum)}%, more than ${q.max} × 100%`, 'check the shares against the report', 'survey-sum');
  }
}

/**
 * A question asked of fewer or more people than the rest of the survey is an oddity of the
 * report (its shares fit another base): a finding when its `note` explains it, else a warning.
 */
export function checkBases(questions: readonly Question[], diagnostics: DiagnosticList, findings: SurveyFinding[]): void {
  const counts = new Map<number, number>();
  for (const q of questions) counts.set(q.base, (counts.get(q.base) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const q of questions) {
    // A base counted from responses says whom it counts (n = 11 who answered): no oddity.
    if (usual === undefined || q.base === usual || q.responses) continue;
    const message = `the base is n = ${q.base}, not the ${usual} respondents of the other questions`;
    if (q.note) findings.push({ file: q.file, line: 1, question: q.id, message, explanation: q.note });
    else diagnostics.warn(q.file, 1, 1, message, 'if the printed shares need this base, explain why in the question\'s `note:`', 'survey-base');
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
