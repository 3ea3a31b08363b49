import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { SurveyInput } from './survey-schema.js';

export type ExportShape = NonNullable<SurveyInput['export']>['shape'];

/** One cell of the export, with where it is (1-based line and column in the CSV file). */
export interface ExportCell {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/** A column: the question it belongs to and, for a column per option, the option. */
export interface ExportColumn {
  readonly question: string;
  readonly option: string | null;
  /** Where the column's header cell is, for messages. */
  readonly at: { readonly line: number; readonly column: number };
  /** LimeSurvey's answer-text header row ("full answers"): the question's and the option's texts. */
  readonly questionText?: string;
  readonly optionText?: string;
}

export interface SurveyExport {
  readonly file: string;
  readonly shape: ExportShape;
  readonly separator: string;
  readonly columns: readonly ExportColumn[];
  /** One row per respondent, one cell per column. */
  readonly rows: readonly (readonly ExportCell[])[];
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Reads a survey tool's export with a real CSV parser (quotes, commas and line breaks in
 * cells, a byte-order mark). Each cell keeps its line and column so an error in the export
 * points at the cell. `path` is absolute; `file` is how messages name it.
 */
export async function readExport(
  path: string, file: string, shape: ExportShape, separator: string, diagnostics: DiagnosticList,
  onRead: (bytes: Buffer) => void = () => undefined,
): Promise<SurveyExport | undefined> {
  let records: ParsedRecord[];
  try {
    const bytes = await readFile(path);
    onRead(bytes);
    records = parse(bytes.toString('utf8'), { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { lines?: number };
    if (err.code === 'ENOENT') diagnostics.error('charts/data/survey.yaml', 1, 1, `the survey export ${file} does not exist`, 'export.file is relative to the project root', 'survey-export');
    else diagnostics.error(file, err.lines ?? 1, 1, `the export is not valid CSV: ${err.message}`, 'export the responses again as CSV (comma-separated, UTF-8)', 'csv');
    return undefined;
  }
  let headerRows = shape === 'two-header-rows' ? 2 : 1;
  if (records.length < headerRows) {
    diagnostics.error(file, 1, 1, `the export has no header row${headerRows > 1 ? 's' : ''}`, 'the first row names the questions', 'survey-export');
    return undefined;
  }
  const header = records[0]!.record;
  const headerCells = cellsOf(records[0]!);
  let columns: ExportColumn[];
  if (shape === 'two-header-rows') {
    // SurveyMonkey names a question once, above its first column; the columns after it
    // (blank on the first row) are its options, named on the second row.
    let current = '';
    columns = header.map((h, i) => {
      if (h.trim()) current = h.trim();
      return { question: current, option: records[1]!.record[i]?.trim() || null, at: headerCells[i]! };
    });
  } else {
    columns = header.map((h, i) => ({ ...(optionColumn(h.trim()) ?? { question: h.trim(), option: null }), at: headerCells[i]! }));
    const texts = shape === 'one-column-per-option' ? answerTextRow(columns, records[1]?.record) : undefined;
    if (texts) {
      columns = columns.map((c, i) => ({ ...c, questionText: texts[i]!.question, ...(texts[i]!.option === null ? {} : { optionText: texts[i]!.option }) }));
      headerRows = 2;
    }
  }
  const rows = records.slice(headerRows).map((r) => cellsOf(r));
  checkRows(file, header.length, records.slice(headerRows), rows, columns, diagnostics);
  return { file, shape, separator, columns, rows };
}

/**
 * LimeSurvey exported with "full answers" has a second header row of texts under the codes:
 * `Why did you choose Python? [Clean syntax]` under `whypython[SQ001]`. It is that row when
 * every option column's cell there is such a text (a respondent's row holds Y, 1 or blanks).
 */
function answerTextRow(columns: readonly ExportColumn[], record: readonly string[] | undefined): { question: string; option: string | null }[] | undefined {
  if (!record || !columns.some((c) => c.option !== null)) return undefined;
  const texts = columns.map((c, i) => {
    const cell = (record[i] ?? '').trim();
    return c.option === null ? { question: cell, option: null } : optionColumn(cell);
  });
  return texts.every((t) => t !== null) ? (texts as { question: string; option: string | null }[]) : undefined;
}

/** The respondent-id columns a survey tool writes: each id once. */
const ID_COLUMN = /^(respondent|response)?[ _]?id$/i;

/** Rows whose cell count differs from the header, and a respondent id seen twice: errors at the row or the cell. */
function checkRows(file: string, width: number, records: readonly ParsedRecord[], rows: readonly (readonly ExportCell[])[], columns: readonly ExportColumn[], diagnostics: DiagnosticList): void {
  rows.forEach((row, r) => {
    if (records[r]!.record.length === width) return;
    const cell = row[0]!;
    diagnostics.error(file, cell.line, cell.column, `this row has ${records[r]!.record.length} cells, the header ${width}`,
      `a cell was added or lost (an unquoted comma in an answer?): quote the cell as "text, with comma", or export the responses again`, 'survey-export');
  });
  const idColumn = columns.findIndex((c) => c.option === null && ID_COLUMN.test(c.question));
  if (idColumn < 0) return;
  const seen = new Map<string, ExportCell>();
  for (const row of rows) {
    const cell = row[idColumn];
    if (!cell?.value.trim()) continue;
    const first = seen.get(cell.value.trim());
    if (first) {
      diagnostics.error(file, cell.line, cell.column, `respondent id ${cell.value.trim()} is also on line ${first.line}: the same respondent twice`,
        `delete one of the two rows (line ${first.line} or ${cell.line}), or give it its own id`, 'survey-export');
    } else seen.set(cell.value.trim(), cell);
  }
}

/** `Q5[SQ001]` (LimeSurvey) or `Which tools? [Poetry]` (Google Forms grids): a question's option column. */
function optionColumn(header: string): { question: string; option: string } | null {
  if (!header.endsWith(']')) return null;
  const open = header.lastIndexOf('[');
  if (open <= 0) return null;
  return { question: header.slice(0, open).trim(), option: header.slice(open + 1, -1).trim() };
}

/**
 * The parser gives each record's values, its raw text and the line it ends on; where each
 * cell starts is found by walking the raw text's quotes and commas (values are the parser's).
 */
function cellsOf({ record, raw, info }: ParsedRecord): ExportCell[] {
  const body = raw.replace(/\r?\n$/, '');
  let line = info.lines - (body.match(/\n/g)?.length ?? 0);
  let column = 1;
  let quoted = false;
  const starts: { line: number; column: number }[] = [{ line, column }];
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n') {
      line += 1;
      column = 1;
      continue;
    }
    column += 1;
    if (ch === ',' && !quoted) starts.push({ line, column });
  }
  return record.map((value, i) => ({ value, ...(starts[i] ?? starts[0]!) }));
}
