import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { reportZodIssues } from '../config/report-zod-issues.js';
import { aggregatesSchema, questionSchema, type Aggregate } from './survey-schema.js';
import type { Answer, Question, Survey, SurveyFinding } from './survey-model.js';
import { checkBases, checkQuestion, wholeCount } from './check-question.js';

export const SURVEY_DIR = 'charts/data';
const AGGREGATES = 'aggregates.yaml';

/** Reads and validates every question file; any error stops the build with all positions. */
export async function loadSurvey(root: string, signal?: AbortSignal): Promise<Survey> {
  const diagnostics = new DiagnosticList();
  const dir = join(root, SURVEY_DIR);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml') && n !== AGGREGATES).sort();
  const questions = new Map<string, Question>();
  const findings: SurveyFinding[] = [];
  for (const name of names) {
    signal?.throwIfAborted();
    const path = `${SURVEY_DIR}/${name}`;
    const text = await readSurveyFile(root, path, diagnostics);
    const question = text === undefined ? undefined : parseQuestion(text, path, diagnostics);
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
  return { questions, aggregates, findings, warnings: diagnostics.warnings };
}

function parseQuestion(text: string, path: string, diagnostics: DiagnosticList): Question | undefined {
  const source = parseYamlSource(text, path, diagnostics);
  if (!source) return undefined;
  const parsed = questionSchema.safeParse(source.value);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics, 'see "Survey data" in manuscript/AUTHORING.md');
    return undefined;
  }
  const q = parsed.data;
  const answers: Answer[] = q.answers.map((a, i) => {
    const raw = source.rawScalar(['answers', i, 'share']) ?? String(a.share);
    const pos = source.positionOf(['answers', i, 'share']);
    return { ...a, shareText: `${raw}%`, count: wholeCount(a.share, q.base, raw), at: { file: path, ...pos } };
  });
  return { ...q, file: path, answers };
}

/** A data file found in charts/data, or undefined (reported when it leads out of the project). */
async function readSurveyFile(root: string, path: string, diagnostics: DiagnosticList): Promise<string | undefined> {
  try {
    return await readProjectFile(root, path, 'utf8');
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    if (e.kind === 'outside') diagnostics.error(path, 1, 1, e.message, e.hint, 'outside-project');
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
