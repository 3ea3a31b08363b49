import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdition } from '../../scripts/edition/run-edition.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'edition');

describe('a note the new data does not contradict', () => {
  it('"the other tools, whose shares the report does not print" names no question\'s answer "Other"', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-notes-'));
    await cp(FIXTURE, root, { recursive: true });
    // The report's own aggregate (charts/data/aggregates.yaml): it names none of the fixture questions' shares.
    await writeFile(join(root, 'charts/data/aggregates.yaml'),
      '- text: without reaching more than 30% popularity\n  file: 11-tools-and-technologies.md\n' +
      '  explanation: an upper bound for each of the other dependency management tools, whose shares the report does not print; not a share\n');
    // An answer "Other" the 2023 edition never printed, in a column of its own.
    await writeFile(join(root, 'responses/other.csv'), 'Timestamp,What is your seniority level?\n2024/03/01 10:00:00,Regular\n2024/03/02 10:00:00,Other\n');
    const run = await runEdition(root, 2024, 'responses/other.csv');
    expect(run.lines).toContain('  other: "Other" added (the old edition never printed it)');
    expect(run.diagnostics.items.filter((d) => d.ruleId === 'edition-note')).toEqual([]);
  });
});

describe('a LimeSurvey export without its answer-text row', () => {
  it('an option code no answer\'s match: names is a question for the user at its header cell, never a new answer', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-codes-'));
    await cp(FIXTURE, root, { recursive: true });
    // The fixture's LimeSurvey export, its answer-text row (line 2) left out; the question named by its code.
    const csv = (await readFile(join(root, 'responses/limesurvey.csv'), 'utf8')).split('\n');
    await writeFile(join(root, 'responses/codes.csv'), [csv[0], ...csv.slice(2)].join('\n'));
    const path = join(root, 'charts/data/why-choose-python.yaml');
    const before = (await readFile(path, 'utf8')).replace('complete: false\n', 'complete: false\nresponses:\n  column: whypython\n');
    await writeFile(path, before);
    const run = await runEdition(root, 2024, 'responses/codes.csv');
    const codes = run.diagnostics.items.filter((d) => d.ruleId === 'edition-code');
    expect(codes.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['error', 'responses/codes.csv', 1, 25], ['error', 'responses/codes.csv', 1, 42], ['error', 'responses/codes.csv', 1, 59], ['error', 'responses/codes.csv', 1, 76],
    ]);
    expect(codes[0]!.hint).toContain('add `match: "SQ001"` to the answer it is (clean-syntax, ease-of-learning, quick-prototyping) in charts/data/why-choose-python.yaml');
    // Nothing guessed: the question file is as it was.
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(run.lines).toContain('responses/codes.csv:1:15: the column "seniority" is no question of the book (not counted); if it is one, set `responses: {column: "seniority"}` in its question file');
    expect(run.lines).toContain('responses/codes.csv:1:1: the column "id" is no question of the book (not counted)');
  });
});

describe('SurveyMonkey\'s "Other (please specify)" column', () => {
  it('holds what the respondent typed: any text there picks the answer, counted as such', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-write-in-'));
    await cp(FIXTURE, root, { recursive: true });
    // The fixture's SurveyMonkey export with a write-in option after "Community"; respondent 1001 typed in it.
    const rows = (await readFile(join(root, 'responses/surveymonkey.csv'), 'utf8')).split('\n').filter(Boolean).map((line, i) => {
      const cells = line.split(',');
      cells.splice(6, 0, i === 0 ? '' : i === 1 ? 'Other (please specify)' : i === 3 ? 'Because of Django' : '');
      return cells.join(',');
    });
    await writeFile(join(root, 'responses/write-in.csv'), `${rows.join('\n')}\n`);
    const run = await runEdition(root, 2024, 'responses/write-in.csv');
    expect(run.diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.lines).toContain('  other-please-specify: "Other (please specify)" added (the old edition never printed it)');
    const survey = await loadSurvey(root);
    const other = survey.questions.get('why-choose-python')!.answers.find((a) => a.id === 'other-please-specify')!;
    expect([other.count, other.shareText]).toEqual([1, '10.0%']);
  });
});

describe('a new answer\'s label reworded by the author', () => {
  it('is still the export\'s answer: the command wrote its match:, a second run adds nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-label-'));
    await cp(FIXTURE, root, { recursive: true });
    await runEdition(root, 2024, 'responses/surveymonkey.csv');
    const path = join(root, 'charts/data/why-choose-python.yaml');
    const wired = await readFile(path, 'utf8');
    expect(wired).toContain('  - id: "community"\n    label: "Community"\n    match: "Community"\n');
    const reworded = wired.replace('label: "Community"', 'label: "The Python community"');
    await writeFile(path, reworded);
    const again = await runEdition(root, 2024, 'responses/surveymonkey.csv');
    expect(again.diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe(reworded);
    expect(again.lines).toContain('  community: "Community" matched exactly');
  });
});

describe('SurveyMonkey\'s single-choice "Other (please specify)"', () => {
  it('is an answer beside the Response column\'s: the typed text picks it, the Response cell left blank', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-single-write-in-'));
    await cp(FIXTURE, root, { recursive: true });
    // A write-in column after the seniority question's Response column; respondent 1002 typed "Architect" there.
    const rows = (await readFile(join(root, 'responses/surveymonkey.csv'), 'utf8')).split('\n').filter(Boolean).map((line, i) => {
      const cells = line.split(',');
      if (i === 4) cells[1] = '';
      cells.splice(2, 0, i === 0 ? '' : i === 1 ? 'Other (please specify)' : i === 4 ? 'Architect' : '');
      return cells.join(',');
    });
    await writeFile(join(root, 'responses/write-in.csv'), `${rows.join('\n')}\n`);
    const run = await runEdition(root, 2024, 'responses/write-in.csv');
    expect(run.diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.lines).toContain('  regular: "Regular" matched exactly');
    expect(run.lines).toContain('  other-please-specify: "Other (please specify)" added (the old edition never printed it)');
    const seniority = (await loadSurvey(root)).questions.get('seniority-level')!;
    expect(Object.fromEntries(seniority.answers.map((a) => [a.id, a.count]))).toEqual({ regular: 4, senior: 3, expert: 1, junior: 1, 'other-please-specify': 1 });
    expect(seniority.base).toBe(10);
  });
});

describe('the year on the command line', () => {
  it('before the printed edition\'s (manuscript/book.yaml) is an error at book.yaml\'s year: naming the year to type; nothing is written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-year-'));
    await cp(FIXTURE, root, { recursive: true });
    await mkdir(join(root, 'manuscript'));
    await writeFile(join(root, 'manuscript/book.yaml'), 'title: Fixture\nyear: 2023\n');
    const run = await runEdition(root, 2022, 'responses/surveymonkey.csv');
    expect(run.diagnostics.items.map((d) => [d.severity, d.file, d.line, d.column, d.message, d.hint])).toEqual([
      ['error', 'manuscript/book.yaml', 2, 7, 'the edition 2022 comes before the printed edition, 2023', 'give the new edition\'s year: npm run edition -- 2024 responses/surveymonkey.csv'],
    ]);
    expect(run.written).toEqual([]);
  });
});
