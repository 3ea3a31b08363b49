import { parse } from 'csv-parse/sync';
import type { ExportShape, SurveyExport } from '../survey/read-export.js';
import { WRITE_IN } from '../survey/count-responses.js';

/**
 * The export's shape, read from its first rows: a header `q[option]` is a column per option
 * (LimeSurvey); a second row naming `Response`, or blank headers after a question, are
 * SurveyMonkey's two header rows; anything else is one column per question (Google Forms).
 */
export function detectShape(text: string): ExportShape {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, to: 3 }) as string[][];
  const header = records[0] ?? [];
  if (header.some((h) => /\S\s*\[[^\]]+\]$/.test(h.trim()))) return 'one-column-per-option';
  const second = records[1] ?? [];
  if (second.some((c) => c.trim() === 'Response') || header.slice(1).some((h) => !h.trim())) return 'two-header-rows';
  return 'one-column-per-question';
}

/** One of the export's answer texts for a question, where it first is, and what `match:` must say. */
export interface ExportAnswer {
  /** What a person reads: the cell's text, or the option's text (LimeSurvey's answer-text row). */
  readonly text: string;
  /** What the build matches: the same text, or LimeSurvey's option code. */
  readonly match: string;
  readonly at: { readonly line: number; readonly column: number };
  /** A LimeSurvey option code with no answer text beside it (`SQ001`): only the user knows which answer it is. */
  readonly coded?: boolean;
}

/** A question of the export: its header as written, its texts to match by, its answers. */
export interface ExportQuestion {
  /** What `responses.column` must say. */
  readonly column: string;
  /** Texts a question's title may match: the header, LimeSurvey's question text. */
  readonly texts: readonly string[];
  readonly at: { readonly line: number; readonly column: number };
  readonly optionColumns: boolean;
  /** For a single column: several answers in a cell (joined by the separator). */
  readonly answers: (kind: 'single' | 'multi') => ExportAnswer[];
}

/** The export's columns grouped by question, in the export's order. */
export function exportQuestions(data: SurveyExport): ExportQuestion[] {
  const groups = new Map<string, number[]>();
  data.columns.forEach((c, i) => {
    if (!c.question) return;
    groups.set(c.question, [...(groups.get(c.question) ?? []), i]);
  });
  return [...groups].map(([column, indexes]) => {
    const first = data.columns[indexes[0]!]!;
    const options = indexes.filter((i) => data.columns[i]!.option !== null && data.columns[i]!.option !== 'Response');
    const single = indexes.find((i) => data.columns[i]!.option === null || data.columns[i]!.option === 'Response');
    const texts = [column, ...(first.questionText ? [first.questionText] : [])];
    // SurveyMonkey: a single choice (its Response column) may have its "Other (please specify)" beside it.
    const writeIns = single === undefined || data.shape !== 'two-header-rows' ? [] : options.filter((i) => WRITE_IN.test(data.columns[i]!.option!));
    if (options.length > 0 && writeIns.length < options.length) {
      return {
        column, texts, at: first.at, optionColumns: true,
        answers: () => options.map((i) => {
          const c = data.columns[i]!;
          return { text: c.optionText ?? c.option!, match: c.option!, at: c.at, ...(data.shape === 'one-column-per-option' && c.optionText === undefined ? { coded: true } : {}) };
        }),
      };
    }
    return {
      column, texts, at: first.at, optionColumns: false,
      answers: (kind) => {
        const seen = new Map<string, ExportAnswer>();
        for (const row of data.rows) {
          const cell = row[single!];
          if (!cell) continue;
          const whole = cell.value.trim();
          const parts = kind === 'multi' ? whole.split(data.separator).map((t) => t.trim()) : [whole];
          for (const text of parts.filter(Boolean)) if (!seen.has(text)) seen.set(text, { text, match: text, at: cell });
        }
        for (const i of writeIns) {
          const c = data.columns[i]!;
          if (data.rows.some((row) => row[i]?.value.trim()) && !seen.has(c.option!)) seen.set(c.option!, { text: c.option!, match: c.option!, at: c.at });
        }
        return [...seen.values()];
      },
    };
  });
}
