import type { CompiledChapter } from './compile-chapters.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { Survey } from '../survey/survey-model.js';
import type { Aggregate } from '../survey/survey-schema.js';
import { location } from 'vfile-location';

/**
 * Part II states survey figures through `:stat` so every printed share comes from the data.
 * A literal percentage left in its prose is accepted only when it is some answer's share or
 * a listed aggregate (a sum, bound, rounding or outside figure explained in aggregates.yaml).
 * The percentages come from the compile (remark-find-percentages): prose only, never code,
 * front matter or `:stat` directives.
 */
export function lintPercentages(survey: Survey, chapters: readonly CompiledChapter[], diagnostics: DiagnosticList): void {
  const shares = new Set([...survey.questions.values()].flatMap((q) => q.answers.map((a) => a.share)));
  const used = new Set<Aggregate>();
  for (const chapter of chapters) {
    if (chapter.source.meta.part !== 2) continue;
    const path = chapter.source.path;
    const text = String(chapter.source.file);
    const aggregates = survey.aggregates.filter((a) => sameFile(path, a.file));
    for (const m of chapter.percentages) {
      const covering = aggregates.find((a) => covers(text, a.text, m.start, m.end));
      if (covering) {
        used.add(covering);
        continue;
      }
      if (shares.has(m.value)) continue;
      const { line, column } = positionAt(text, m.start);
      diagnostics.warn(path, line, column,
        `the percentage ${m.text} is neither an answer's share in charts/data nor listed in charts/data/aggregates.yaml`,
        'a share of one answer is written :stat[question/answer]; a sum, bound or outside figure goes in aggregates.yaml with its explanation',
        'percentage');
    }
  }
  // An entry whose text no longer occurs would silently excuse nothing: say so.
  const partTwo = chapters.filter((c) => c.source.meta.part === 2).map((c) => c.source.path);
  for (const a of survey.aggregates) {
    if (used.has(a)) continue;
    const where = partTwo.find((p) => sameFile(p, a.file));
    diagnostics.warn('charts/data/aggregates.yaml', 1, 1,
      where ? `the aggregate "${a.text}" covers no percentage in ${where}` : `the aggregate "${a.text}" names ${a.file}, which is not a Part II chapter`,
      'copy the text exactly as the chapter prints it (percentage included), or remove the entry', 'percentage');
  }
}

/** Aggregate files are named as in manuscript/ (`08-who-answered.md`); chapter paths carry the folder. */
function sameFile(path: string, file: string): boolean {
  return path === file || path.endsWith(`/${file}`);
}

/** Whether `phrase` occurs in `text` around [start, end); whitespace may differ (line breaks). */
function covers(text: string, phrase: string, start: number, end: number): boolean {
  const pattern = new RegExp(phrase.trim().split(/\s+/).map(escape).join('\\s+'), 'g');
  for (const m of text.matchAll(pattern)) {
    if (m.index <= start && m.index + m[0].length >= end) return true;
  }
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const { line, column } = location(text).toPoint(offset)!;
  return { line, column };
}
