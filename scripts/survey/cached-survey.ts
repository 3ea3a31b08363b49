import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import { listProjectDir, noteProjectFileRead, readProjectFile, resolveProjectFile } from '../diagnostics/project-files.js';
import { loadSurvey, SURVEY_DIR } from './load-survey.js';
import type { Question, Survey } from './survey-model.js';

const KIND = 'survey';

/** A loaded survey as the cache keeps it: the questions' map as its entries. */
interface Entry extends Omit<Survey, 'questions'> {
  readonly questions: Array<[string, Question]>;
}

/**
 * The survey as loadSurvey makes it, kept under the hash of every file it reads (the data
 * folder's listing, each YAML file, the declared export) and the pipeline: parsing the 29 data
 * files with their positions took ~90 ms of every build, an edit of one chapter included
 * (issue 22). Only a survey without errors is kept; anything unusual (a file that cannot be
 * read, an export that cannot be found) is left to loadSurvey, which reports it.
 */
export async function loadSurveyCached(root: string, cache: BuildCache, signal?: AbortSignal): Promise<Survey> {
  if (!cache.enabled) return loadSurvey(root, signal);
  const key = await inputsKey(root, cache.pipeline).catch(() => undefined);
  if (key === undefined) return loadSurvey(root, signal);
  const kept = await cache.store.read(KIND, key);
  if (kept) {
    try {
      const entry = JSON.parse(kept.toString('utf8')) as Entry;
      return { ...entry, questions: new Map(entry.questions) };
    } catch {
      // a damaged entry: made again below
    }
  }
  const survey = await loadSurvey(root, signal);
  const entry: Entry = { ...survey, questions: [...survey.questions] };
  await cache.store.write(KIND, key, JSON.stringify(entry));
  return survey;
}

/** The hash of what loadSurvey reads, each file read (and noted in the build's read log) as it would read it. */
async function inputsKey(root: string, pipeline: string): Promise<string> {
  const names = (await listProjectDir(root, SURVEY_DIR)).filter((n) => n.endsWith('.yaml')).sort();
  const parts: Array<string | Buffer> = [pipeline, KIND];
  for (const name of names) parts.push(name, await readProjectFile(root, `${SURVEY_DIR}/${name}`));
  const settings = names.includes('survey.yaml') ? parse(parts[parts.indexOf('survey.yaml') + 1]!.toString()) as { export?: { file?: unknown } } | null : null;
  const file = settings?.export?.file;
  if (file !== undefined) {
    if (typeof file !== 'string') throw new Error('left to loadSurvey');
    const bytes = await readFile(await resolveProjectFile(root, file));
    noteProjectFileRead(root, file, bytes);
    parts.push('export', file, bytes);
  }
  return contentHash(...parts);
}
