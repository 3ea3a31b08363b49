import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Aggregate, AnswerInput, QuestionInput } from './survey-schema.js';

/** An answer with its share formatted exactly as the data file (and so the report) prints it. */
export interface Answer extends Readonly<Omit<AnswerInput, 'share' | 'source'>> {
  readonly share: number;
  /** Seed line the share was read from; absent for a share computed from responses. */
  readonly source?: number;
  /** `54.9%`: the number as typed in the data file, never recomputed. */
  readonly shareText: string;
  /** Whole respondents, when the share fits a whole count of the base. */
  readonly count: number | null;
  /** Where this answer is defined, for messages: `charts/data/x.yaml:12:7`. */
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
  /** The previous edition's share and the change since, when the question has `previous`. */
  readonly previous?: { readonly share: number; readonly shareText: string; readonly change: number; readonly changeText: string };
}

export interface Question extends Readonly<Omit<QuestionInput, 'answers' | 'base' | 'source'>> {
  readonly base: number;
  readonly source?: number;
  readonly file: string;
  /** This edition's year (charts/data/survey.yaml), for two-edition charts. */
  readonly edition?: number;
  readonly answers: readonly Answer[];
}

export interface Survey {
  readonly questions: ReadonlyMap<string, Question>;
  /** This edition's year and export (charts/data/survey.yaml), when there is one. */
  readonly edition?: number;
  readonly export?: { readonly file: string; readonly shape: string };
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
