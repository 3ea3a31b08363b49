import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { BuildError, DiagnosticList, type Diagnostic } from '../diagnostics/diagnostic.js';
import { ProjectFileError, listProjectDir, readProjectFile, resolveProjectFile } from '../diagnostics/project-files.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { reportZodIssues } from '../config/report-zod-issues.js';
import { loadSurvey, SURVEY_DIR } from '../survey/load-survey.js';
import { questionSchema, surveySchema, type QuestionInput } from '../survey/survey-schema.js';
import { readExport } from '../survey/read-export.js';
import type { Survey } from '../survey/survey-model.js';
import { detectShape, exportQuestions, type ExportQuestion } from './export-questions.js';
import { matchText } from './match-text.js';
import { wireQuestion } from './wire-question.js';
import { contradictedNotes } from './contradicted-notes.js';

export interface EditionRun {
  /** What the command prints on stdout: per question, what it matched and what not. */
  readonly lines: string[];
  /** Errors and warnings with their place: the export's cells, the question files. */
  readonly diagnostics: DiagnosticList;
  /** Project files the run changed (none on a second run with the same export). */
  readonly written: string[];
}

const SURVEY = `${SURVEY_DIR}/survey.yaml`;
/** The columns LimeSurvey writes about the response itself, never a question. */
const LIMESURVEY_RECORD = new Set(['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp', 'ipaddr', 'refurl', 'token']);
const YAML_OPTIONS = { lineWidth: 0 } as const;

/**
 * `npm run edition -- <year> <export>`: wires the export to the question files, writes
 * survey.yaml, then counts it as the build would, so every bad cell is reported now.
 */
export async function runEdition(root: string, year: number, exportFile: string): Promise<EditionRun> {
  const diagnostics = new DiagnosticList();
  const lines: string[] = [];
  const written: string[] = [];
  const done = () => ({ lines, diagnostics, written });
  let full: string;
  try {
    full = await resolveProjectFile(root, exportFile);
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    diagnostics.error(exportFile, 1, 1, `the export ${e.message}`, `${e.hint}; e.g. put it in responses/ and run: npm run edition -- ${year} responses/${year}.csv`, 'survey-export');
    return done();
  }
  const file = relative(root, full).split(sep).join('/');
  // A year before the printed edition's is a slip (the arguments' order, a typo): nothing is written.
  const printed = await printedYear(root);
  if (printed && year < printed.year) {
    diagnostics.error('manuscript/book.yaml', printed.line, printed.column, `the edition ${year} comes before the printed edition, ${printed.year}`,
      `give the new edition's year: npm run edition -- ${printed.year + 1} ${file}`, 'edition-year');
    return done();
  }
  const text = await readProjectFile(root, file, 'utf8');
  const shape = detectShape(text);
  const old = await readOldSurvey(root, diagnostics);
  const separator = old?.export?.separator ?? ';';
  const data = await readExport(full, file, shape, separator, diagnostics);
  if (!data) return done();
  lines.push(`${file}: ${shape}, ${data.rows.length} respondents, ${new Set(data.columns.map((c) => c.question)).size} columns`);
  const previousEdition = old && old.edition !== year ? old.edition : await bookYear(root, year);

  const survey = `edition: ${year}\nexport:\n  file: ${JSON.stringify(file)}\n  shape: ${shape}\n  separator: ${JSON.stringify(separator)}\n`;
  await writeIfChanged(root, SURVEY, survey, written);

  const questions = await readQuestions(root, diagnostics);
  const groups = exportQuestions(data);
  const claimed = new Map<ExportQuestion, (typeof questions)[number]>();
  for (const g of groups) {
    const m = g.texts.map((t) => matchText(t, questions, (q) => [q.input.title, ...(q.input.responses ? [q.input.responses.column] : [])])).find((x) => x.kind !== 'none') ?? { kind: 'none' as const };
    if (m.kind === 'ambiguous') {
      diagnostics.error(file, g.at.line, g.at.column, `the column "${g.column}" fits ${m.items.length} questions: ${m.items.map((q) => q.path).join(', ')}`,
        `set \`responses: {column: "${g.column}"}\` in the one it belongs to`, 'edition-ambiguous');
    } else if (m.kind !== 'none') claimed.set(g, m.item);
  }
  const wired = new Set<string>();
  for (const q of questions) {
    const found = [...claimed].filter(([, item]) => item === q).map(([g]) => g);
    if (found.length !== 1) {
      const at = q.source.positionOf(['title']);
      if (found.length > 1) {
        diagnostics.error(q.path, at.line, at.column, `${found.length} columns of ${file} fit "${q.input.title}": ${found.map((g) => `"${g.column}" (${file}:${g.at.line}:${g.at.column})`).join(', ')}`,
          `set \`responses: {column: "${found[0]!.column}"}\` to the right one`, 'edition-ambiguous');
      } else {
        lines.push(`${q.path}: "${q.input.title}": no column of the export; its data stays the printed shares`);
      }
      continue;
    }
    const g = found[0]!;
    const doc = parseDocument(q.text, { keepSourceTokens: false });
    const wiring = wireQuestion(doc, q.input, g, previousEdition);
    lines.push(`${q.path}: "${q.input.title}" is the column "${g.column}" (${file}:${g.at.line}:${g.at.column})`, ...wiring.lines);
    for (const a of wiring.ambiguous) {
      diagnostics.error(file, a.answer.at.line, a.answer.at.column, `"${a.answer.text}" fits ${a.ids.length} answers of ${q.input.id}: ${a.ids.join(', ')}`,
        `add \`match: "${a.answer.match}"\` to the one it is, in ${q.path}; then run the command again`, 'edition-ambiguous');
    }
    // LimeSurvey without its answer-text row names options by code only: which answer SQ004 is, the user says.
    const choices = q.input.answers.map((a) => a.id).join(', ');
    for (const c of wiring.unknownCodes) {
      diagnostics.error(file, c.at.line, c.at.column, `the option code "${c.match}" of "${g.column}" is no answer's \`match:\` in ${q.path}, and the export gives no answer text for it`,
        `add \`match: "${c.match}"\` to the answer it is (${choices}) in ${q.path}, or export the responses again with LimeSurvey's answer texts (headings "Question code & question text"); then run the command again`, 'edition-code');
    }
    if (wiring.ambiguous.length > 0 || wiring.unknownCodes.length > 0) {
      lines.push(`  not written: ${wiring.ambiguous.length > 0 ? 'an answer fits two' : 'an option code is no answer\'s'} (listed below)`);
      continue;
    }
    for (const id of wiring.unmatched) lines.push(`  ${id}: not in the export${g.optionColumns ? ' (no option column)' : ' (no respondent chose it: counted 0)'}`);
    wired.add(q.input.id);
    await writeIfChanged(root, q.path, doc.toString(YAML_OPTIONS), written);
  }
  const used = new Set(claimed.keys());
  for (const g of groups) {
    if (used.has(g)) continue;
    // A LimeSurvey heading is the question's code ("whypython"): no title to match it by.
    const coded = data.shape === 'one-column-per-option' && g.texts.length === 1 && !LIMESURVEY_RECORD.has(g.column);
    lines.push(`${file}:${g.at.line}:${g.at.column}: the column "${g.column}" is no question of the book (not counted)` +
      (coded ? `; if it is one, set \`responses: {column: "${g.column}"}\` in its question file` : ''));
  }
  lines.push(written.length === 0 ? 'Nothing changed: the files already say this.' : `Wrote ${written.join(', ')}.`);

  // Counted as the build counts: every bad cell now, not at the build.
  let counted: Survey | undefined;
  try {
    counted = await loadSurvey(root);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    // The export was read once already: its own errors (a row's cell count, an id twice) are listed once.
    const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.message}`;
    const listed = new Set(diagnostics.items.map(key));
    for (const d of e.diagnostics) if (!listed.has(key(d))) diagnostics.add(d);
  }
  if (counted) {
    for (const d of counted.warnings) diagnostics.add(d);
    await contradictedNotes(root, counted, wired, diagnostics);
  }
  return done();
}

interface QuestionFile { readonly path: string; readonly text: string; readonly input: QuestionInput; readonly source: NonNullable<ReturnType<typeof parseYamlSource>> }

async function readQuestions(root: string, diagnostics: DiagnosticList): Promise<QuestionFile[]> {
  const names = (await listProjectDir(root, SURVEY_DIR).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.yaml') && n !== 'survey.yaml' && n !== 'aggregates.yaml').sort();
  const out: QuestionFile[] = [];
  for (const name of names) {
    const path = `${SURVEY_DIR}/${name}`;
    const text = await readProjectFile(root, path, 'utf8');
    const source = parseYamlSource(text, path, diagnostics);
    if (!source) continue;
    const parsed = questionSchema.safeParse(source.value);
    if (!parsed.success) {
      reportZodIssues(parsed.error.issues, source, diagnostics, 'see "Survey data" in manuscript/AUTHORING.md');
      continue;
    }
    out.push({ path, text, input: parsed.data, source });
  }
  return out;
}

async function readOldSurvey(root: string, diagnostics: DiagnosticList) {
  const text = await readProjectFile(root, SURVEY, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const source = parseYamlSource(text, SURVEY, diagnostics);
  const parsed = source ? surveySchema.safeParse(source.value) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** manuscript/book.yaml's `year:` and where it is written, if it is a number. */
async function printedYear(root: string): Promise<{ year: number; line: number; column: number } | undefined> {
  const text = await readProjectFile(root, 'manuscript/book.yaml', 'utf8').catch(() => undefined);
  const source = text === undefined ? undefined : parseYamlSource(text, 'manuscript/book.yaml', new DiagnosticList());
  const value = (source?.value as { year?: unknown } | null | undefined)?.year;
  return source && typeof value === 'number' ? { year: value, ...source.positionOf(['year']) } : undefined;
}

/** The printed edition's year (manuscript/book.yaml `year:`), else the year before. */
async function bookYear(root: string, year: number): Promise<number> {
  const text = await readProjectFile(root, 'manuscript/book.yaml', 'utf8').catch(() => '');
  const value = (parseDocument(text).toJS() as { year?: unknown } | null)?.year;
  return typeof value === 'number' && value !== year ? value : year - 1;
}

async function writeIfChanged(root: string, path: string, text: string, written: string[]): Promise<void> {
  const old = await readProjectFile(root, path, 'utf8').catch(() => undefined);
  if (old === text) return;
  await writeFile(join(root, path), text);
  written.push(path);
}
