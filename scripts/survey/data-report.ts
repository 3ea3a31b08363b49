import type { Question, Survey } from './survey-model.js';

const WHOM = { answered: 'who answered', shown: 'everyone shown the question' } as const;

/** Per question counted from the export: where from, the base and whom it counts, each answer's count, share, previous share and change. */
function countedSections(survey: Survey, questions: readonly Question[]): string[] {
  const counted = questions.filter((q) => q.responses);
  const printed = questions.filter((q) => !q.responses);
  if (counted.length === 0) return [];
  const lines = [`## Counted from the ${survey.edition ?? ''} export`.replace('  ', ' '), ''];
  for (const q of counted) {
    const prev = q.previous;
    lines.push(`### ${q.id}: ${q.title}`, '',
      `Edition ${q.edition ?? survey.edition ?? '?'}, from ${survey.export?.file ?? 'the export'}, column "${q.responses!.column}"; n = ${q.base} ${WHOM[q.base_of ?? 'answered']}.`, '',
      `| Answer | Count | Share |${prev ? ` ${prev.edition} | Change |` : ''}`,
      `|---|---|---|${prev ? '---|---|' : ''}`,
      ...q.answers.map((a) => `| ${a.label} | ${a.count ?? ''} | ${a.shareText} |${prev ? ` ${a.previous?.shareText ?? '–'} | ${a.previous?.changeText ?? '–'} |` : ''}`),
      '');
  }
  lines.push('## Still the printed shares', '',
    ...(printed.length === 0 ? ['None: every question is counted from the export.'] : printed.map((q) => `- ${q.id} (${q.file}): ${q.title} (n = ${q.base}, as printed)`)), '');
  return lines;
}

/**
 * `dist/data-report.md`: what the survey data holds, which questions are partial, and every
 * inconsistency of the printed report that the data keeps as printed, with its explanation.
 */
export function dataReport(survey: Survey): string {
  const questions = [...survey.questions.values()].sort((a, b) => a.section - b.section || (a.source ?? 0) - (b.source ?? 0));
  const lines = [
    '# Survey data report',
    '',
    `${questions.length} questions, ${questions.reduce((n, q) => n + q.answers.length, 0)} answers; ` +
      `${questions.filter((q) => q.complete).length} complete, ${questions.filter((q) => !q.complete).length} partial (only the answers the report cites).`,
    '',
    '| Question | Section | Kind | Base | Answers | Complete | Data |',
    '|---|---|---|---|---|---|---|',
    ...questions.map((q) => `| ${q.id} | ${q.section} | ${q.kind}${q.max ? ` (max ${q.max})` : ''} | ${q.base}${q.responses ? ` ${WHOM[q.base_of ?? 'answered']}` : ''} | ${q.answers.length} | ${q.complete ? 'yes' : 'partial'} | ${q.responses ? `${q.edition ?? survey.edition} export` : 'printed shares'} |`),
    '',
    ...countedSections(survey, questions),
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
