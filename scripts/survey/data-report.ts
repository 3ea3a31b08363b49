import type { Survey } from './survey-model.js';

/**
 * `dist/data-report.md`: what the survey data holds, which questions are partial, and every
 * inconsistency of the printed report that the data keeps as printed, with its explanation.
 */
export function dataReport(survey: Survey): string {
  const questions = [...survey.questions.values()].sort((a, b) => a.section - b.section || (a.source ?? 0) - (b.source ?? 0));
  const lines = [
    '# Survey data report',
    '',
    `${questions.length} questions, ${questions.reduce((n, q) => n + q.answers.length, 0)} printed answers; ` +
      `${questions.filter((q) => q.complete).length} complete, ${questions.filter((q) => !q.complete).length} partial (only the answers the report cites).`,
    '',
    '| Question | Section | Kind | Base | Answers | Complete |',
    '|---|---|---|---|---|---|',
    ...questions.map((q) => `| ${q.id} | ${q.section} | ${q.kind}${q.max ? ` (max ${q.max})` : ''} | ${q.base} | ${q.answers.length} | ${q.complete ? 'yes' : 'partial'} |`),
    '',
    '## Inconsistencies kept as printed',
    '',
    ...survey.findings.map((f) => `- ${f.file}:${f.line} (${f.question}): ${f.message}. ${f.explanation}`),
    '',
    '## Percentages in the prose that are not one answer',
    '',
    ...survey.aggregates.map((a) => `- "${a.text}" (${a.file}): ${a.explanation}`),
    '',
  ];
  return lines.join('\n');
}
