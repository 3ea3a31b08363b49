import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdition } from '../../scripts/edition/run-edition.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';
import { reportExport } from '../helpers/report-export.js';

const REPO = join(import.meta.dirname, '..', '..');

/**
 * The new-user trial in small: the report's own 28 question files as 2023 printed them, and an
 * invented export of those questions (with an "Other" each, an answer 2023 never printed).
 */
describe('the report\'s own questions from an export, with nothing typed into a question file', () => {
  it('wires every question, counts 102 respondents, keeps 2023 as previous; a second run changes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-report-'));
    await cp(join(REPO, 'charts'), join(root, 'charts'), { recursive: true });
    await mkdir(join(root, 'manuscript'));
    await cp(join(REPO, 'manuscript', 'book.yaml'), join(root, 'manuscript', 'book.yaml'));
    await mkdir(join(root, 'responses'));
    await writeFile(join(root, 'responses', '2024.csv'), await reportExport(root));

    const run = await runEdition(root, 2024, 'responses/2024.csv');
    expect(run.diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.lines.filter((l) => l.includes('no column of the export'))).toEqual([]);
    const survey = await loadSurvey(root);
    expect(survey.questions.size).toBe(28);
    for (const q of survey.questions.values()) {
      expect(q.responses, q.id).toBeDefined();
      expect([q.complete, q.base, q.previous?.edition], q.id).toEqual([true, 102, 2023]);
      expect(q.answers.some((a) => a.id === 'other' || a.label === 'Other'), q.id).toBe(true);
      expect(q.answers.every((a) => a.source === undefined), q.id).toBe(true);
    }
    const files = async () => Promise.all((await readdir(join(root, 'charts', 'data'))).sort().map((n) => readFile(join(root, 'charts', 'data', n), 'utf8')));
    const first = await files();
    const again = await runEdition(root, 2024, 'responses/2024.csv');
    expect(again.written).toEqual([]);
    expect(await files()).toEqual(first);
  });
});
