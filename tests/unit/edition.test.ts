import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdition } from '../../scripts/edition/run-edition.js';
import { detectShape } from '../../scripts/edition/export-questions.js';
import { answerId, matchText } from '../../scripts/edition/match-text.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';
import type { Diagnostic } from '../../scripts/diagnostics/diagnostic.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'tests', 'fixtures', 'edition');
const EXPORTS = { 'google-forms': 'one-column-per-question', surveymonkey: 'two-header-rows', limesurvey: 'one-column-per-option' } as const;

/** The edition fixture (question files as 2023 printed them, the three exports) in a fresh folder. */
async function project(edits: Record<string, (old: string) => string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ptr-edition-'));
  await cp(FIXTURE, root, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) await writeFile(join(root, path), edit(await readFile(join(root, path), 'utf8')));
  return root;
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const dir = join(root, 'charts', 'data');
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

const errors = (list: readonly Diagnostic[]) => list.filter((d) => d.severity === 'error');
const shares = (survey: Awaited<ReturnType<typeof loadSurvey>>, id: string) => Object.fromEntries(survey.questions.get(id)!.answers.map((a) => [a.id, a.shareText]));

/** Line and column (1-based) of the first `needle` in `text`, after `from` when given. */
function where(text: string, needle: string, from = ''): { line: number; column: number } {
  const start = from ? text.indexOf(from) : 0;
  const before = text.slice(0, text.indexOf(needle, start)).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('matching an export\'s text', () => {
  const answers = [{ id: '1-5', texts: ['1–5 projects'] }, { id: '6-10', texts: ['6–10 projects'] }, { id: 'more', texts: ['More than 20 projects'] }];
  const of = (a: (typeof answers)[number]) => a.texts;
  it('exactly, else uniquely ignoring case, punctuation and a unit word, saying which', () => {
    expect(matchText('1–5 projects', answers, of)).toMatchObject({ kind: 'exact', item: { id: '1-5' } });
    expect(matchText('1-5 PROJECTS', answers, of)).toMatchObject({ kind: 'loose', item: { id: '1-5' }, how: 'ignoring case and punctuation' });
    expect(matchText('1-5', answers, of)).toMatchObject({ kind: 'loose', item: { id: '1-5' }, how: 'ignoring case, punctuation and a unit word' });
    expect(matchText('11-15', answers, of)).toEqual({ kind: 'none' });
  });
  it('two candidates are ambiguous, never a guess', () => {
    const two = [{ id: 'a', texts: ['Ease of use'] }, { id: 'b', texts: ['ease-of-use'] }];
    expect(matchText('Ease of Use', two, (a) => a.texts)).toMatchObject({ kind: 'ambiguous', items: [{ id: 'a' }, { id: 'b' }] });
  });
  it('a new answer gets a kebab-case id of its text, unique in its question', () => {
    expect(answerId('Ease of use!', new Set())).toBe('ease-of-use');
    expect(answerId('Ease of use', new Set(['ease-of-use']))).toBe('ease-of-use-2');
  });
  it('the export\'s shape is read from its header rows', async () => {
    for (const [file, shape] of Object.entries(EXPORTS)) {
      expect(detectShape(await readFile(join(FIXTURE, 'responses', `${file}.csv`), 'utf8'))).toBe(shape);
    }
  });
});

describe.each(Object.keys(EXPORTS))('npm run edition on the %s export', (file) => {
  it('wires the question files from printed shares: the 10 respondents\' shares, 2023 as previous, new answers added', async () => {
    const root = await project();
    const run = await runEdition(root, 2024, `responses/${file}.csv`);
    expect(errors(run.diagnostics.items)).toEqual([]);
    const survey = await loadSurvey(root);
    expect(shares(survey, 'seniority-level')).toEqual({ regular: '50.0%', senior: '30.0%', expert: '10.0%', junior: '10.0%' });
    expect(shares(survey, 'why-choose-python')).toEqual({ 'clean-syntax': '70.0%', 'ease-of-learning': '50.0%', 'quick-prototyping': '40.0%', community: '30.0%' });
    expect(shares(survey, 'commercial-projects-count')).toEqual({ '1-5': '50.0%', '6-10': '20.0%', '11-15': '10.0%', '16-20': '10.0%', 'more-than-20': '10.0%' });
    const regular = survey.questions.get('seniority-level')!.answers[0]!;
    expect(regular.previous).toMatchObject({ shareText: '54.9%', changeText: '−4.9 pp' });
    const data = await snapshot(root);
    expect(data['seniority-level.yaml']).toContain('complete: true');
    expect(data['seniority-level.yaml']).not.toMatch(/share:|base:|^\s+source:/m);
    expect(data['survey.yaml']).toBe(`edition: 2024\nexport:\n  file: "responses/${file}.csv"\n  shape: ${EXPORTS[file as keyof typeof EXPORTS]}\n  separator: ";"\n`);
    // Printed as what it is: the unit word left out by the export.
    expect(run.lines).toContain(`  1-5: "1-5"${file === 'limesurvey' ? '' : ''} matched ignoring case, punctuation and a unit word`);
    expect(run.lines.some((l) => l.includes('"Expert" added'))).toBe(true);
    expect(run.lines).toContain('charts/data/commercial-projects-count.yaml: "In general, how many commercial projects have you worked on so far?" is the column ' +
      `"${file === 'limesurvey' ? 'projects' : 'In general, how many commercial projects have you worked on so far?'}" (responses/${file}.csv:1:${where((await readFile(join(root, 'responses', `${file}.csv`), 'utf8')).split('\n')[0]!, file === 'limesurvey' ? 'projects' : '"In general').column})`);
  });

  it('a second run with the same export changes no byte and says so', async () => {
    const root = await project();
    await runEdition(root, 2024, `responses/${file}.csv`);
    const first = await snapshot(root);
    const again = await runEdition(root, 2024, `responses/${file}.csv`);
    expect(await snapshot(root)).toEqual(first);
    expect(again.written).toEqual([]);
    expect(again.lines.at(-1)).toBe('Nothing changed: the files already say this.');
  });
});

describe('bad data is an error at its cell', () => {
  async function failing(file: string, edit: (old: string) => string): Promise<{ list: Diagnostic[]; text: string }> {
    const root = await project({ [`responses/${file}.csv`]: edit });
    const run = await runEdition(root, 2024, `responses/${file}.csv`);
    return { list: errors(run.diagnostics.items), text: await readFile(join(root, 'responses', `${file}.csv`), 'utf8') };
  }

  it('four answers to a max: 3 question, listing them', async () => {
    const { list, text } = await failing('google-forms', (s) => s.replace('Clean and concise syntax;Ease of learning;Ability to quickly prototype ideas', 'Clean and concise syntax;Ease of learning;Ability to quickly prototype ideas;Community'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ file: 'responses/google-forms.csv', ...where(text, 'Clean and concise syntax;Ease') });
    expect(list[0]!.message).toBe('a respondent picked 4 answers of why-choose-python, more than its max: 3 ("Clean and concise syntax", "Ease of learning", "Ability to quickly prototype ideas", "Community")');
    expect(list[0]!.hint).toContain('`max: 4`');
  });

  it('a SurveyMonkey option cell whose text is not its option', async () => {
    const { list, text } = await failing('surveymonkey', (s) => s.replace('1001,Regular,Clean and concise syntax,Ease of learning', '1001,Regular,Clean and concise syntax,Ease of learnin'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject(where(text, 'Ease of learnin,', '1001,'));
    expect(list[0]!.message).toBe('"Ease of learnin" in the option column "Why did you choose Python? [Ease of learning]" is neither blank nor a tick');
    expect(list[0]!.hint).toContain('"Ease of learning"');
  });

  it('a LimeSurvey option cell that is not Y, 1 or its code', async () => {
    const { list, text } = await failing('limesurvey', (s) => s.replace('2,2024-03-02 10:00:00,Regular,Y,', '2,2024-03-02 10:00:00,Regular,X,'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject(where(text, 'X,'));
    expect(list[0]!.hint).toBe('a tick here is "Y" or "1" or "SQ001": write that, or leave the cell blank for "not picked"');
  });

  it('a respondent id seen twice', async () => {
    const { list, text } = await failing('surveymonkey', (s) => s.replace('\n1003,', '\n1002,'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ line: 6, column: 1 });
    expect(text.split('\n')[5]!.startsWith('1002,')).toBe(true);
    expect(list[0]!.message).toMatch(/^respondent id 1002 is also on line 5: the same respondent twice$/);
  });

  it('a row with more cells than the header', async () => {
    const { list, text } = await failing('google-forms', (s) => s.replace('2024/03/04 10:00:00,Regular,Ease of learning,1-5', '2024/03/04 10:00:00,Regular,Ease of learning,1-5,extra'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ...where(text, '2024/03/04'), message: 'this row has 5 cells, the header 4' });
  });

  it('an answer that fits two answers is a question for the user, and that question file is not written', async () => {
    const root = await project({
      'charts/data/seniority-level.yaml': (s) => s.replace('label: Senior', 'label: Senior\n    match: ["Senior", "REGULAR"]'),
      'responses/google-forms.csv': (s) => s.replace(',Regular,', ',regular,'),
    });
    const before = await readFile(join(root, 'charts/data/seniority-level.yaml'), 'utf8');
    const run = await runEdition(root, 2024, 'responses/google-forms.csv');
    const list = errors(run.diagnostics.items).filter((d) => d.ruleId === 'edition-ambiguous');
    expect(list[0]).toMatchObject(where(await readFile(join(root, 'responses/google-forms.csv'), 'utf8'), 'regular,'));
    expect(list[0]!.message).toBe('"regular" fits 2 answers of seniority-level: regular, senior');
    expect(list[0]!.hint).toBe('add `match: "regular"` to the one it is, in charts/data/seniority-level.yaml; then run the command again');
    expect(await readFile(join(root, 'charts/data/seniority-level.yaml'), 'utf8')).toBe(before);
  });
});

describe('notes the new data contradicts', () => {
  it('an aggregate naming an old share, or an answer "the report does not print", is a warning at the note', async () => {
    const aggregates = '- text: overall 95%\n  file: 08-who-answered.md\n  explanation: regular + senior + expert developers (54.9 + 34.3 + the expert share, which the report does not print)\n';
    const root = await project();
    await writeFile(join(root, 'charts/data/aggregates.yaml'), aggregates);
    const run = await runEdition(root, 2024, 'responses/google-forms.csv');
    const notes = run.diagnostics.items.filter((d) => d.ruleId === 'edition-note');
    expect(notes.map((d) => [d.severity, d.file, d.line, d.message])).toEqual([
      ['warning', 'charts/data/aggregates.yaml', 3, 'this note gives 54.9 for "Regular" (seniority-level), the previous edition\'s share; the 2024 data gives 50.0%'],
      ['warning', 'charts/data/aggregates.yaml', 3, 'this note gives 34.3 for "Senior" (seniority-level), the previous edition\'s share; the 2024 data gives 30.0%'],
      ['warning', 'charts/data/aggregates.yaml', 3, 'this note says the report does not print a share, but "Expert" (seniority-level) is now counted: 10.0%'],
    ]);
  });
});
