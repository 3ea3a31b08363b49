import type { CompiledChapter } from './compile-chapters.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { Survey } from '../survey/survey-model.js';

/** Every question in the data should be charted somewhere in the manuscript. */
export function checkPlacements(survey: Survey, chapters: readonly CompiledChapter[], diagnostics: DiagnosticList): void {
  const placed = new Set(chapters.flatMap((c) => c.charts));
  for (const q of survey.questions.values()) {
    if (!placed.has(q.id)) diagnostics.warn(q.file, 1, 1, `question "${q.id}" is not placed in the manuscript`, `add ::chart{#${q.id}} where the chart belongs`, 'chart-unplaced');
  }
}
