import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Aggregate, AnswerInput, QuestionInput } from './survey-schema.js';

/** An answer with its share formatted exactly as the data file (and so the report) prints it. */
export interface Answer extends Readonly<AnswerInput> {
  /** `54.9%`: the number as typed in the data file, never recomputed. */
  readonly shareText: string;
  /** Whole respondents, when the share fits a whole count of the base. */
  readonly count: number | null;
  /** Where this answer is defined, for messages: `charts/data/x.yaml:12:7`. */
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
}

export interface Question extends Readonly<Omit<QuestionInput, 'answers'>> {
  readonly file: string;
  readonly answers: readonly Answer[];
}

export interface Survey {
  readonly questions: ReadonlyMap<string, Question>;
  readonly aggregates: readonly Aggregate[];
  /** Known inconsistencies of the printed report, kept as printed (data report). */
  readonly findings: readonly SurveyFinding[];
  /** Undocumented oddities, shown as build warnings. */
  readonly warnings: readonly Diagnostic[];
}

export interface SurveyFinding {
  readonly file: string;
  readonly line: number;
  readonly question: string;
  readonly message: string;
  readonly explanation: string;
}
