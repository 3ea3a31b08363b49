import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSurvey } from '../../scripts/survey/load-survey.js';

const SHAPE = join(import.meta.dirname, '..', 'fixtures', 'survey-exports', 'two-header-rows');

describe('a SurveyMonkey single-choice column', () => {
  it('may be named as the missing-column hint lists it, "Question [Response]"', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-response-column-'));
    await cp(SHAPE, root, { recursive: true });
    const file = join(root, 'charts', 'data', 'coding-experience.yaml');
    const text = await readFile(file, 'utf8');
    const column = /column: "([^"]+)"/.exec(text)![1]!;
    await writeFile(file, text.replace(`column: "${column}"`, `column: "${column} [Response]"`));
    const survey = await loadSurvey(root);
    expect(survey.questions.get('coding-experience')!.answers.map((a) => a.count)).toEqual([4, 3, 2, 3]);
  });
});
