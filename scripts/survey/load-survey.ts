import { isAlias, isMap, isScalar } from 'yaml';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, listProjectDir, noteProjectFileRead, readProjectFile, resolveProjectFile } from '../diagnostics/project-files.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { reportZodIssues } from '../config/report-zod-issues.js';
import { aggregatesSchema, questionSchema, surveySchema, type Aggregate, type QuestionInput, type SurveyInput } from './survey-schema.js';
import type { Answer, Question, Survey, SurveyFinding } from './survey-model.js';
import { checkBases, checkQuestion, wholeCount } from './check-question.js';
import { readExport, type SurveyExport } from './read-export.js';
import { countResponses, type Tally } from './count-responses.js';
import type { YamlSource } from '../config/yaml-source.js';

export const SURVEY_DIR = 'charts/data';
const AGGREGATES = 'aggregates.yaml';
const SURVEY = 'survey.yaml';

/** Reads and validates every question file; any error stops the build with all positions. */
export async function loadSurvey(root: string, signal?: AbortSignal): Promise<Survey> {
  const diagnostics = new DiagnosticList();
  const names = (await listProjectDir(root, SURVEY_DIR).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml') && n !== AGGREGATES && n !== SURVEY).sort();
  const questions = new Map<string, Question>();
  const findings: SurveyFinding[] = [];
  const edition = await loadEdition(root, diagnostics);
  let exported: Promise<SurveyExport | undefined> | undefined;
  const responses = () => (exported ??= openExport(root, edition, diagnostics));
  for (const name of names) {
    signal?.throwIfAborted();
    const path = `${SURVEY_DIR}/${name}`;
    const text = await readSurveyFile(root, path, diagnostics);
    const question = text === undefined ? undefined : await parseQuestion(text, path, diagnostics, edition, responses);
    if (!question) continue;
    if (`${question.id}.yaml` !== name) {
      diagnostics.error(path, 1, 1, `question id "${question.id}" does not match the file name ${name}`, `rename the file to ${question.id}.yaml or fix \`id\``, 'survey-id');
    }
    const first = questions.get(question.id);
    if (first) diagnostics.error(path, 1, 1, `duplicate question id "${question.id}" (also in ${first.file})`, 'ids must be unique across charts/data', 'survey-duplicate');
    questions.set(question.id, question);
    checkQuestion(question, diagnostics, findings);
  }
  checkBases([...questions.values()], diagnostics, findings);
  const aggregates = await loadAggregates(root, diagnostics);
  diagnostics.throwIfErrors();
  const declared = edition?.export ? { file: edition.export.file, shape: edition.export.shape } : undefined;
  return { questions, aggregates, findings, warnings: diagnostics.warnings, ...(edition ? { edition: edition.edition } : {}), ...(declared ? { export: declared } : {}) };
}

async function parseQuestion(
  text: string, path: string, diagnostics: DiagnosticList, edition: SurveyInput | undefined, responses: () => Promise<SurveyExport | undefined>,
): Promise<Question | undefined> {
  const source = parseYamlSource(text, path, diagnostics);
  if (!source) return undefined;
  const parsed = questionSchema.safeParse(source.value);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics, 'see "Survey data" in manuscript/AUTHORING.md');
    return undefined;
  }
  const q = parsed.data;
  // A share is printed as written: it must be written as a reader reads a percentage.
  const shareKeys = [
    ...q.answers.flatMap((a, i) => (a.share === undefined ? [] : [['answers', i, 'share']])),
    ...mapKeys(source, ['previous', 'shares']).map((id) => ['previous', 'shares', id]),
  ];
  for (const keys of shareKeys) checkShareText(source, keys, diagnostics);
  let tally: Tally | undefined;
  if (q.responses) {
    const data = await responses();
    if (!data) {
      const at = source.positionOf(['responses']);
      if (!edition?.export) diagnostics.error(path, at.line, at.column, `${q.id} has \`responses\` but no survey export is declared`, `name the export in ${SURVEY_DIR}/${SURVEY}: export: {file, shape}`, 'survey-export');
      return undefined;
    }
    tally = countResponses(q, source, data, diagnostics);
    if (!tally) return undefined;
  }
  const missing = (what: string, keys: (string | number)[]) => {
    const at = source.positionOf(keys);
    diagnostics.error(path, at.line, at.column, `${what} is missing`, 'give the printed value, or map the question to the survey export with `responses:`', 'survey-missing');
  };
  if (!tally && q.base === undefined) missing('`base`', []);
  const base = tally?.base ?? q.base ?? 1;
  if (tally && q.base !== undefined && q.base !== tally.base) {
    const at = source.positionOf(['base']);
    diagnostics.error(path, at.line, at.column, `the base is printed as ${q.base}, but the responses in ${(await responses())!.file} give ${tally.base}`,
      q.responses!.blanks === 'exclude' ? 'blanks are excluded (`blanks: exclude`): the base is who answered' : 'blanks are counted (`blanks: count`): the base is everyone shown the question', 'survey-agreement');
  }
  const answers: Answer[] = [];
  for (const [i, a] of q.answers.entries()) {
    const pos = source.positionOf(['answers', i, a.share === undefined ? 'id' : 'share']);
    const at = { file: path, ...pos };
    if (!tally) {
      if (a.share === undefined) {
        missing(`the share of "${a.label}"`, ['answers', i]);
        continue;
      }
      const raw = source.rawScalar(['answers', i, 'share']) ?? String(a.share);
      answers.push({ ...a, share: a.share, shareText: `${raw}%`, count: wholeCount(a.share, base, raw), at });
      continue;
    }
    const count = tally.counts.get(a.id)!;
    const decimals = q.responses!.decimals;
    const computed = roundHalfUp((count * 100) / base, decimals);
    if (a.share !== undefined) {
      // Printed shares and responses side by side: they must agree at the printed precision.
      const raw = source.rawScalar(['answers', i, 'share']) ?? String(a.share);
      const printedDecimals = decimalsOf(raw);
      const atPrinted = roundHalfUp((count * 100) / base, printedDecimals);
      if (atPrinted !== a.share) {
        diagnostics.error(path, pos.line, pos.column, `"${a.label}" is printed as ${raw}%, but the responses give ${atPrinted.toFixed(printedDecimals)}% (${count} of ${base})`,
          `the export is ${(await responses())!.file}; correct the printed share or the answer's \`match:\``, 'survey-agreement');
      }
      answers.push({ ...a, share: a.share, shareText: `${raw}%`, count, at });
    } else {
      answers.push({ ...a, share: computed, shareText: `${computed.toFixed(decimals)}%`, count, at });
    }
  }
  const withPrevious = q.previous ? comparePrevious(q, answers, source, diagnostics, edition) : answers;
  return { ...q, base, base_of: tally?.baseOf ?? q.base_of, file: path, answers: withPrevious, edition: edition?.edition };
}

/** Each answer's share in the previous edition and the change since, in percentage points. */
function comparePrevious(q: QuestionInput, answers: Answer[], source: YamlSource, diagnostics: DiagnosticList, edition: SurveyInput | undefined): Answer[] {
  const previous = q.previous!;
  if (!edition) {
    const at = source.positionOf(['previous']);
    diagnostics.error(source.path, at.line, at.column, 'a previous edition needs this edition\'s year', `set \`edition:\` in ${SURVEY_DIR}/${SURVEY}`, 'survey-previous');
  }
  // The ids as written in the file: `__proto__` is a key like any other there (a parsed object drops it).
  for (const id of mapKeys(source, ['previous', 'shares'])) {
    if (answers.some((a) => a.id === id)) continue;
    const at = source.positionOf(['previous', 'shares', id]);
    diagnostics.error(source.path, at.line, at.column, `previous.shares names "${id}", which is not an answer of ${q.id}`, `answers: ${answers.map((a) => a.id).join(', ')}`, 'survey-previous');
  }
  // A Map: an answer id is the author's text, never a property of Object.prototype.
  const shares = new Map(Object.entries(previous.shares));
  return answers.map((a) => {
    const share = shares.get(a.id);
    if (share === undefined) return a;
    const raw = source.rawScalar(['previous', 'shares', a.id]) ?? String(share);
    const decimals = Math.max(decimalsOf(raw), decimalsOf(a.shareText.slice(0, -1)));
    const change = roundHalfUp(a.share - share, decimals);
    const size = Math.abs(change).toFixed(decimals);
    const changeText = change === 0 ? '±0 pp' : `${change > 0 ? '+' : '−'}${size} pp`;
    return { ...a, previous: { share, shareText: `${raw}%`, change, changeText } };
  });
}

/** The keys of a YAML mapping at `keys`, as the file writes them. */
function mapKeys(source: YamlSource, keys: readonly (string | number)[]): string[] {
  const node = source.doc.getIn(keys, true);
  return isMap(node) ? node.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key)) : [];
}

/**
 * Digits, at most one decimal point with digits after it, no sign, exponent, hexadecimal or
 * leading zero: YAML reads `0x10`, `1e1`, `5.`, `+7` and `012` as numbers, but the book would
 * print them as typed.
 */
const SHARE_TEXT = /^(0|[1-9][0-9]{0,2})(\.[0-9]+)?$/;

/** A share at `keys` not written as a percentage is printed is reported at the number. */
function checkShareText(source: YamlSource, keys: readonly (string | number)[], diagnostics: DiagnosticList): void {
  // An alias (`*half`) has no text of its own to print: the share is written where it is.
  const node = source.doc.getIn(keys, true);
  const raw = isAlias(node) ? `*${node.source}` : source.rawScalar(keys);
  if (raw === undefined || SHARE_TEXT.test(raw)) return;
  const at = source.positionOf(keys);
  diagnostics.error(source.path, at.line, at.column, `share ${raw} is not a plain decimal number: the book would print it as written`,
    'write the number as the report prints it, without the % sign: digits and at most one decimal point, e.g. 54.9 or 7 (no sign, exponent, 0x or leading zero)', 'survey-share');
}

function decimalsOf(printed: string): number {
  return printed.includes('.') ? printed.split('.')[1]!.replace(/\D/g, '').length : 0;
}

/** Rounds half away from zero at `decimals` (what survey tools and readers expect; toFixed is binary-floating). */
export function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(x) * f;
  // A tiny epsilon absorbs binary noise such as 2.675 * 100 = 267.49999…
  return (Math.sign(x) * Math.round(scaled + 1e-9)) / f;
}

async function loadEdition(root: string, diagnostics: DiagnosticList): Promise<SurveyInput | undefined> {
  const path = `${SURVEY_DIR}/${SURVEY}`;
  const text = await readSurveyFile(root, path, diagnostics);
  if (text === undefined) return undefined;
  const source = parseYamlSource(text, path, diagnostics);
  if (!source) return undefined;
  const parsed = surveySchema.safeParse(source.value);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics, 'see "Publish next year\'s edition from a survey export" in README.md');
    return undefined;
  }
  return parsed.data;
}

/** The declared export, resolved (symlinks too) and kept inside the project. */
async function openExport(root: string, edition: SurveyInput | undefined, diagnostics: DiagnosticList): Promise<SurveyExport | undefined> {
  const spec = edition?.export;
  if (!spec) return undefined;
  let full: string;
  try {
    full = await resolveProjectFile(root, spec.file);
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    diagnostics.error(`${SURVEY_DIR}/${SURVEY}`, 1, 1, `the survey export ${e.message}`, e.hint, 'survey-export');
    return undefined;
  }
  // Read by the CSV parser, not readProjectFile: noted for the build's read log here.
  return readExport(full, spec.file.split('\\').join('/'), spec.shape, spec.separator, diagnostics, (bytes) => noteProjectFileRead(root, spec.file, bytes));
}

/** A data file found in charts/data, or undefined (reported when it leads out of the project). */
async function readSurveyFile(root: string, path: string, diagnostics: DiagnosticList): Promise<string | undefined> {
  try {
    return await readProjectFile(root, path, 'utf8');
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    if (e.problem !== 'missing') diagnostics.error(path, 1, 1, e.message, e.hint, e.ruleId);
    return undefined;
  }
}

async function loadAggregates(root: string, diagnostics: DiagnosticList): Promise<Aggregate[]> {
  const path = `${SURVEY_DIR}/${AGGREGATES}`;
  const text = await readSurveyFile(root, path, diagnostics);
  if (text === undefined) return [];
  const source = parseYamlSource(text, path, diagnostics);
  if (!source) return [];
  const parsed = aggregatesSchema.safeParse(source.value ?? []);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics);
    return [];
  }
  return parsed.data;
}
