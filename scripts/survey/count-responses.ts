import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../config/yaml-source.js';
import type { ExportCell, SurveyExport } from './read-export.js';
import type { QuestionInput } from './survey-schema.js';

/** What a question's responses give: the base, who it counts, and each answer's count. */
export interface Tally {
  readonly base: number;
  readonly baseOf: 'shown' | 'answered';
  readonly counts: ReadonlyMap<string, number>;
}

/** The export's texts for an answer: its `match`, else its label. */
export function matchesOf(a: QuestionInput['answers'][number]): string[] {
  return a.match === undefined ? [a.label] : Array.isArray(a.match) ? a.match : [a.match];
}

/**
 * Counts one question's answers in the export. An unknown answer, or a second answer to a
 * single-choice question, is an error at its cell; a column the export lacks is an error at
 * the question's `responses.column`, listing the columns there are.
 */
export function countResponses(q: QuestionInput, source: YamlSource, data: SurveyExport, diagnostics: DiagnosticList): Tally | undefined {
  const spec = q.responses!;
  const byText = new Map<string, string>();
  q.answers.forEach((a) => matchesOf(a).forEach((m) => byText.set(m, a.id)));
  const picks = picksPerRow(q, data, byText, source, diagnostics);
  if (!picks) return undefined;
  const counts = new Map(q.answers.map((a) => [a.id, 0]));
  let base = 0;
  for (const row of picks) {
    if (row.length === 0 && spec.blanks === 'exclude') continue;
    base += 1;
    if (q.kind === 'single' && row.length > 1) {
      const second = row[1]!;
      diagnostics.error(data.file, second.cell.line, second.cell.column,
        `a respondent picked two answers ("${row[0]!.text}" and "${second.text}") of the single-choice question ${q.id}`,
        'a single-choice question takes one answer per respondent: check the export, or make the question `kind: multi`', 'survey-export');
    }
    const picked = new Set(row.map((p) => p.id));
    if (q.kind === 'multi' && q.max !== undefined && picked.size > q.max) {
      const last = row.at(-1)!;
      diagnostics.error(data.file, last.cell.line, last.cell.column,
        `a respondent picked ${picked.size} answers of ${q.id}, more than its max: ${q.max} (${row.map((p) => `"${p.text}"`).join(', ')})`,
        `check the export's row on line ${last.cell.line}; if the survey allowed more, set \`max: ${picked.size}\` in the question file`, 'survey-export');
    }
    for (const id of picked) counts.set(id, counts.get(id)! + 1);
  }
  return { base, baseOf: spec.blanks === 'exclude' ? 'answered' : 'shown', counts };
}

/** An option whose cell is the respondent's own words: "Other (please specify)", "Other (please specify):". */
export const WRITE_IN = /\(please specify\):?$/i;

interface Pick { readonly id: string; readonly text: string; readonly cell: ExportCell }

function picksPerRow(
  q: QuestionInput, data: SurveyExport, byText: Map<string, string>, source: YamlSource, diagnostics: DiagnosticList,
): Pick[][] | undefined {
  // "Question [Response]", as a hint lists SurveyMonkey's single-choice column, names the question.
  const written = q.responses!.column;
  const column = written.endsWith(' [Response]') && data.shape === 'two-header-rows' ? written.slice(0, -' [Response]'.length) : written;
  const ofQuestion = data.columns.flatMap((c, i) => (c.question === column ? [{ ...c, index: i }] : []));
  const missing = (what: string) => {
    const at = source.positionOf(['responses', 'column']);
    const names = [...new Set(data.columns.map((c) => c.option ? `${c.question} [${c.option}]` : c.question))];
    diagnostics.error(source.path, at.line, at.column, `${what} is not in the export ${data.file}`,
      `its columns are: ${names.map((n) => `"${n}"`).join(', ')}`, 'survey-export');
    return undefined;
  };
  if (ofQuestion.length === 0) return missing(`the column "${column}"`);

  const unknown = (cell: ExportCell, text: string) => diagnostics.error(data.file, cell.line, cell.column,
    `"${text}" is not an answer of ${q.id}`, `its answers match: ${[...byText.keys()].map((t) => `"${t}"`).join(', ')}; add the text to an answer's \`match:\``, 'survey-export');

  // One cell holds the answer (several joined by the separator). A cell that is one answer's
  // text is that answer, even if the text contains the separator.
  const single = ofQuestion.find((c) => c.option === null || c.option === 'Response') ?? (ofQuestion.length === 1 ? ofQuestion[0] : undefined);
  if (data.shape === 'one-column-per-question' || (single && q.kind === 'single')) {
    if (!single) return missing(`a single column for "${column}"`);
    // SurveyMonkey writes a single-choice "Other (please specify)" in a column of its own, the Response cell blank.
    const writeIns = data.shape === 'two-header-rows' ? ofQuestion.filter((c) => c !== single && c.option !== null && WRITE_IN.test(c.option)) : [];
    return data.rows.map((row) => {
      const typed = writeIns.find((c) => row[c.index]?.value.trim());
      const own = row[single.index] ?? { value: '', line: 0, column: 0 };
      const cell = !own.value.trim() && typed ? { ...row[typed.index]!, value: typed.option! } : own;
      const whole = cell.value.trim();
      const texts = byText.has(whole) ? [whole] : cell.value.split(data.separator).map((t) => t.trim()).filter(Boolean);
      return texts.flatMap((text) => {
        const id = byText.get(text);
        if (id === undefined) unknown(cell, text);
        return id === undefined ? [] : [{ id, text, cell }];
      });
    });
  }
  // A column per option: a non-blank cell picks it (LimeSurvey writes "Y", SurveyMonkey the option's text).
  const optionColumns = q.answers.map((a) => {
    const found = ofQuestion.find((c) => c.option !== null && matchesOf(a).includes(c.option));
    return found ? { id: a.id, index: found.index, text: found.option! } : undefined;
  });
  const absent = q.answers.filter((_, i) => !optionColumns[i]);
  if (absent.length > 0) return missing(`the option column${absent.length > 1 ? 's' : ''} ${absent.map((a) => `"${column} [${matchesOf(a)[0]}]"`).join(', ')}`);
  const known = new Set(optionColumns.map((o) => o!.index));
  const rows = data.rows.map((row) => optionColumns.flatMap((o) => {
    const cell = row[o!.index];
    if (!cell?.value.trim()) return [];
    const value = cell.value.trim();
    // SurveyMonkey's "Other (please specify)" column holds what the respondent typed: any text picks it.
    if (data.shape === 'two-header-rows' && WRITE_IN.test(o!.text)) return [{ id: o!.id, text: o!.text, cell }];
    // A tick is the option's own text (SurveyMonkey) or Y, 1 or the option's code (LimeSurvey): anything else is a typo or a shifted cell.
    const ticks = data.shape === 'two-header-rows' ? [o!.text] : ['Y', 'y', '1', o!.text];
    if (!ticks.includes(value)) {
      diagnostics.error(data.file, cell.line, cell.column, `"${value}" in the option column "${column} [${o!.text}]" is neither blank nor a tick`,
        `a tick here is ${ticks.filter((_t, i) => i !== 1).map((t) => `"${t}"`).join(' or ')}: write that, or leave the cell blank for "not picked"`, 'survey-export');
      return [];
    }
    return [{ id: o!.id, text: o!.text, cell }];
  }));
  // A filled cell under an option no answer matches is an answer the data file does not know.
  for (const c of ofQuestion) {
    if (known.has(c.index) || c.option === null) continue;
    const cell = data.rows.map((row) => row[c.index]).find((x) => x?.value.trim());
    if (cell) unknown(cell, c.option);
  }
  return rows;
}
