import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import { loadSurvey } from '../scripts/survey/load-survey.js';
import type { Survey } from '../scripts/survey/survey-model.js';
import { answersInOrder, chartAltText, chartSubtitle } from '../scripts/charts/chart-rows.js';
import { chartTable } from '../scripts/charts/chart-figure.js';
import { renderCharts } from '../scripts/charts/render-charts.js';
import { chartCsv } from '../scripts/web/chart-csv.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

const EXPORTS = join(import.meta.dirname, 'fixtures', 'survey-exports');
const SHAPES = ['one-column-per-question', 'one-column-per-option', 'two-header-rows'] as const;
const CSV = 'responses/export.csv';

/** A copy of one fixture export folder, with files changed (path → function of the old text). */
async function exportCopy(shape: string, edits: Record<string, (old: string) => string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ptr-export-'));
  await cp(join(EXPORTS, shape), root, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) await writeFile(join(root, path), edit(await readFile(join(root, path), 'utf8')));
  return root;
}

async function loadErrors(root: string): Promise<Diagnostic[]> {
  const error = await loadSurvey(root).then(() => undefined, (e: unknown) => e);
  expect(error, 'loading should have failed').toBeInstanceOf(BuildError);
  return (error as BuildError).diagnostics.filter((d) => d.severity === 'error');
}

/** Line (1-based) and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const shares = (survey: Survey, id: string) => Object.fromEntries(survey.questions.get(id)!.answers.map((a) => [a.id, a.shareText]));
const counts = (survey: Survey, id: string) => Object.fromEntries(survey.questions.get(id)!.answers.map((a) => [a.id, a.count]));

describe.each(SHAPES)('a survey export in the shape %s', (shape) => {
  it('gives the counts and shares of the 12 fixture respondents, rounded to one decimal', async () => {
    const survey = await loadSurvey(join(EXPORTS, shape));
    // Single choice, no blanks: 4, 3, 2, 3 of 12.
    expect(counts(survey, 'coding-experience')).toEqual({ '1-3': 4, '4-6': 3, '7-9': 2, '10-or-more': 3 });
    expect(shares(survey, 'coding-experience')).toEqual({ '1-3': '33.3%', '4-6': '25.0%', '7-9': '16.7%', '10-or-more': '25.0%' });
    // Multiple choice, one blank excluded (blanks: exclude): n = 11 who answered; shares add up to more than 100%.
    const tools = survey.questions.get('dependency-tools')!;
    expect([tools.base, tools.base_of]).toEqual([11, 'answered']);
    expect(shares(survey, 'dependency-tools')).toEqual({ poetry: '54.5%', pipenv: '36.4%', uv: '54.5%' });
    expect(tools.answers.reduce((s, a) => s + a.share, 0)).toBeGreaterThan(100);
    // Single choice, two blanks counted in the base (blanks: count): n = 12 shown the question.
    const hints = survey.questions.get('type-hints')!;
    expect([hints.base, hints.base_of]).toEqual([12, 'shown']);
    expect(shares(survey, 'type-hints')).toEqual({ yes: '58.3%', sometimes: '16.7%', no: '8.3%' });
  });
});

describe('what the charts say about each kind of question', async () => {
  const survey = await loadSurvey(join(EXPORTS, 'one-column-per-question'));
  const q = (id: string) => survey.questions.get(id)!;

  it('n labels say whom the base counts', () => {
    expect(chartSubtitle(q('dependency-tools'))).toContain('n = 11 who answered');
    expect(chartSubtitle(q('type-hints'))).toBe('n = 12 shown the question');
    expect(toHtml(chartTable(q('type-hints')))).toContain('(n = 12 shown the question)');
  });

  it('a multiple-choice chart says the shares may add up to more than 100%, a single-choice one does not', () => {
    expect(chartSubtitle(q('dependency-tools'))).toMatch(/shares may add up to more than 100%/);
    expect(chartSubtitle(q('type-hints'))).not.toMatch(/100%/);
  });

  it('an ordered scale keeps its natural order; other questions go by share', () => {
    // 25.0% ("10 years or more") is larger than 16.7% ("7–9 years") but comes after it.
    expect(answersInOrder(q('coding-experience')).map((a) => a.id)).toEqual(['1-3', '4-6', '7-9', '10-or-more']);
    expect(answersInOrder(q('type-hints')).map((a) => a.id)).toEqual(['yes', 'sometimes', 'no']);
    expect(answersInOrder(q('dependency-tools')).map((a) => a.id)).toEqual(['poetry', 'uv', 'pipenv']);
    expect(chartAltText(q('coding-experience'))).toMatch(/in scale order: 1–3 years: 33\.3% \(±0 pp since 2023\); 4–6 years: 25\.0% \(−7\.4 pp since 2023\)/);
  });

  it('the change since the previous edition, in percentage points, against the 2023 report as printed', () => {
    expect(q('coding-experience').answers.map((a) => [a.previous!.shareText, a.previous!.changeText]))
      .toEqual([['33.3%', '±0 pp'], ['32.4%', '−7.4 pp'], ['16.7%', '±0 pp'], ['17.6%', '+7.4 pp']]);
    const table = toHtml(chartTable(q('coding-experience')));
    expect(table).toContain('<th class="num" scope="col">2023</th>');
    expect(table).toMatch(/10 years or more<\/th><td class="num">25\.0%<\/td><td class="num">3<\/td><td class="num">17\.6%<\/td><td class="num">\+7\.4 pp<\/td>/);
  });
});

describe('the real report: ordered scales in their natural order everywhere', async () => {
  const survey = await loadSurvey(process.cwd());
  const years = survey.questions.get('coding-experience-years')!;
  const labels = ['1–3 years', '4–6 years', '7–9 years', '10 years or more'];

  it('chart rows, data table and CSV put "7–9 years" before "10 years or more"', () => {
    expect(answersInOrder(years).map((a) => a.label)).toEqual(labels);
    const table = toHtml(chartTable(years));
    expect(labels.map((l) => table.indexOf(`>${l}<`))).toEqual([...labels.map((l) => table.indexOf(`>${l}<`))].sort((a, b) => a - b));
    const csvLabels = chartCsv(years).split('\r\n').slice(1, -1).map((line) => line.split(',')[3]);
    expect(csvLabels).toEqual(labels);
  });

  it('python-versions-used, a multiple-choice scale, goes 3.6 → 3.9; questions that are no scale still go by share', () => {
    expect(answersInOrder(survey.questions.get('python-versions-used')!).map((a) => a.label)).toEqual(['Python 3.6', 'Python 3.7', 'Python 3.8', 'Python 3.9']);
    const why = answersInOrder(survey.questions.get('why-choose-python')!).map((a) => a.share);
    expect(why).toEqual([...why].sort((a, b) => b - a));
  });
});

describe('errors in an export point at the CSV cell', () => {
  it('an unknown answer (SurveyMonkey shape)', async () => {
    const root = await exportCopy('two-header-rows', { [CSV]: (s) => s.replace('1004,1 to 3 years,Poetry,Pipenv,,No', '1004,1 to 3 years,Poetry,Pipenv,,Never') });
    const text = await readFile(join(root, CSV), 'utf8');
    const [e, ...rest] = await loadErrors(root);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: CSV, ...where(text, 'Never') });
    expect(formatDiagnostic(e!)).toMatch(/^responses\/export\.csv:7:34: error: "Never" is not an answer of type-hints/);
  });

  it('a respondent with two answers to a single-choice question (one column per question)', async () => {
    const root = await exportCopy('one-column-per-question', { [CSV]: (s) => s.replace('2024/03/02 10:00:00,4-6 years', '2024/03/02 10:00:00,"4-6 years;7-9 years"') });
    const text = await readFile(join(root, CSV), 'utf8');
    const errors = await loadErrors(root);
    expect(errors.map(formatDiagnostic)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: CSV, ...where(text, '"4-6 years;7-9 years"') });
    expect(errors[0]!.message).toMatch(/picked two answers \("4–6 years" and "7–9 years"\)|picked two answers \("4-6 years" and "7-9 years"\)/);
  });

  it('a ticked option no answer matches (LimeSurvey shape, one column per option)', async () => {
    const root = await exportCopy('one-column-per-option', {
      [CSV]: (s) => s.replace('hints\r\n', 'tools[SQ004],hints\r\n').replace(/\r\n(1,[^\r]*),(Y)\r\n/, '\r\n$1,Y,$2\r\n').replace(/\r\n(\d+,[^\r]*?),([YSN]?)\r\n/g, (m) => m),
    });
    const text = await readFile(join(root, CSV), 'utf8');
    const lines = text.split('\r\n');
    // Every other row gets an empty SQ004 cell, so the columns line up.
    await writeFile(join(root, CSV), lines.map((l, i) => (i > 1 && l ? l.replace(/,([YSN]?)$/, ',,$1') : l)).join('\r\n'));
    const fixed = await readFile(join(root, CSV), 'utf8');
    const errors = await loadErrors(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('"SQ004" is not an answer of dependency-tools');
    expect(errors[0]).toMatchObject({ file: CSV, line: 2 });
    expect(fixed.split('\r\n')[1]!.slice(errors[0]!.column - 1)).toBe('Y,Y');
  });

  it('a column the export does not have: at the question file, listing the columns there are', async () => {
    const root = await exportCopy('one-column-per-question', { 'charts/data/type-hints.yaml': (s) => s.replace('column: "Type hints"', 'column: "Type hint"') });
    const errors = await loadErrors(root);
    expect(errors).toHaveLength(1);
    expect(formatDiagnostic(errors[0]!)).toMatch(/^charts\/data\/type-hints\.yaml:8:11: error: the column "Type hint" is not in the export responses\/export\.csv/);
    expect(errors[0]!.hint).toContain('"Type hints"');
  });

  it('a printed share that disagrees with the responses: at the share, with the count', async () => {
    const root = await exportCopy('one-column-per-question', { 'charts/data/type-hints.yaml': (s) => s.replace('share: 58.3', 'share: 60') });
    const errors = await loadErrors(root);
    expect(errors).toHaveLength(1);
    expect(formatDiagnostic(errors[0]!)).toMatch(/^charts\/data\/type-hints\.yaml:14:12: error: "Yes" is printed as 60%, but the responses give 58% \(7 of 12\)/);
  });
});

/** The fixture book with a question counted from an export and a previous edition, charted as two editions. */
async function twoEditionBook(): Promise<string> {
  const source = join(EXPORTS, 'one-column-per-question');
  const root = await makeFixtureBook({
    'manuscript/03-survey.md': (s) => s.replace('::chart{#likes-fixtures}', 'Since 2023, the share of those with 10 years or more changed by :stat[coding-experience/10-or-more]{change}, to :stat[coding-experience/10-or-more].\n\n::chart{#likes-fixtures}\n\n::chart{#coding-experience}'),
  });
  await mkdir(join(root, 'responses'));
  await cp(join(source, CSV), join(root, CSV));
  await cp(join(source, 'charts/data/survey.yaml'), join(root, 'charts/data/survey.yaml'));
  await cp(join(source, 'charts/data/coding-experience.yaml'), join(root, 'charts/data/coding-experience.yaml'));
  await writeFile(join(root, 'charts/coding-experience.vl.json'), '{ "data": { "name": "coding-experience" }, "kind": "editions" }\n');
  return root;
}

describe('the next edition on a fixture book', async () => {
  const root = await twoEditionBook();

  it('the two-edition chart shows both years, each answer\'s two bars in scale order, and the change in points', async () => {
    const survey = await loadSurvey(root);
    const svg = (await renderCharts(root, survey)).get('coding-experience')!.svg;
    const texts = [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/&#x2212;|&minus;/g, '−').replace(/&#xb1;|&plusmn;/g, '±'));
    expect(texts).toEqual(expect.arrayContaining(['2023', '2024']));
    const values = texts.filter((t) => /%/.test(t) && !/n = /.test(t));
    expect(values).toEqual(['33.3%', '33.3% (±0 pp)', '32.4%', '25.0% (−7.4 pp)', '16.7%', '16.7% (±0 pp)', '17.6%', '25.0% (+7.4 pp)']);
    expect(svg.match(/<path\b[^>]*aria-roledescription="bar"/g) ?? svg.match(/role-mark[^"]*"[^>]*>/g)).toBeTruthy();
  });

  it(':stat[…]{change} prints the change in percentage points, with both editions in its tooltip', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ptr-editions-'));
    await build({ root, outDir: join(out, 'dist'), only: ['web'] });
    const html = await readFile(join(out, 'dist', 'web', 'all', 'index.html'), 'utf8');
    expect(html).toMatch(/<span class="stat stat-change" data-stat="coding-experience\/10-or-more" title="How many years of experience do you have in coding in general\? \(n = 12\): 25\.0% in 2024, 17\.6% in 2023">\+7\.4 pp<\/span>, to <span class="stat"[^>]*>25\.0%<\/span>/);
    expect(html).toContain('id="chart-coding-experience"');
  });

  it(':stat[…]{change} on a question without a previous edition is an error at the directive', async () => {
    const broken = await makeFixtureBook({ 'manuscript/03-survey.md': (s) => s.replace(':stat[likes-fixtures/yes]', ':stat[likes-fixtures/yes]{change}') });
    const error = await build({ root: broken, only: ['web'] }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const e = (error as BuildError).diagnostics.find((d) => d.severity === 'error')!;
    expect(formatDiagnostic(e)).toMatch(/^manuscript\/03-survey\.md:\d+:\d+: error: :stat\[likes-fixtures\/yes\]\{change\} needs the previous edition's share/);
  });
});
