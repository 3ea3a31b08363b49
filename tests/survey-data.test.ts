import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, inject, it } from 'vitest';
import { build } from '../scripts/build.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import { loadSurvey } from '../scripts/survey/load-survey.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

const ROOT = process.cwd();
const DATA = 'charts/data/likes-fixtures.yaml';
const SPEC = 'charts/likes-fixtures.vl.json';
const SEED = '/work/shared/seed/python-tech-radar.txt';

type Edits = Parameters<typeof makeFixtureBook>[0];

/** Builds the fixture book with `edit` (web only: these errors stop the build before any output) and returns its errors. */
async function buildErrors(edit: Edits): Promise<Diagnostic[]> {
  const root = await makeFixtureBook(edit);
  const error = await build({ root, only: ['web'] }).then(() => undefined, (e: unknown) => e);
  expect(error, 'the build should have failed').toBeInstanceOf(BuildError);
  return (error as BuildError).diagnostics.filter((d) => d.severity === 'error');
}

/** The one error about `pattern`, checked to point at file:line and to print as `file:line:col: error: …`. */
function errorAbout(errors: readonly Diagnostic[], pattern: RegExp, file: string, line: number): Diagnostic {
  const found = errors.filter((d) => pattern.test(d.message));
  expect(found, `no error matching ${pattern} in:\n${errors.map(formatDiagnostic).join('\n')}`).toHaveLength(1);
  const e = found[0]!;
  expect(e).toMatchObject({ file, line });
  expect(e.column).toBeGreaterThanOrEqual(1);
  expect(formatDiagnostic(e)).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:${line}:\\d+: error: `));
  return e;
}

/** The fixture's data file, with the shares of "yes" (line 12) and "no" (line 16) replaced. */
const withShares = (yes: string, no = '45.1') => (s: string) => s.replace('share: 54.9', `share: ${yes}`).replace('share: 45.1', `share: ${no}`);

describe('survey data validation: broken inputs fail with file:line and the problem named', () => {
  it('a share of 120', async () => {
    const errors = await buildErrors({ [DATA]: withShares('120') });
    const e = errorAbout(errors, /share 120 .*outside 0–100/, DATA, 12);
    expect(e.column).toBe(12);
  });

  it('a share that is not a number', async () => {
    const errors = await buildErrors({ [DATA]: withShares('"about half"') });
    const e = errorAbout(errors, /answers\.0\.share.*must be a number/, DATA, 12);
    expect(e.hint).toMatch(/Survey data/);
  });

  it('a duplicate answer id', async () => {
    const errors = await buildErrors({ [DATA]: (s) => s.replace('id: "no"', 'id: "yes"') });
    // Points into the second "yes" answer (lines 14–17), at its share.
    errorAbout(errors, /duplicate answer id "yes" in likes-fixtures/, DATA, 16);
  });

  it('a duplicate question id (a second file with the same id)', async () => {
    const copy = 'charts/data/zz-likes-again.yaml';
    const errors = await buildErrors({ [copy]: readFileSync(join(import.meta.dirname, 'fixtures', 'book', DATA), 'utf8') });
    const e = errorAbout(errors, /duplicate question id "likes-fixtures"/, copy, 1);
    expect(e.message).toContain(`also in ${DATA}`);
    // The file name disagrees with the id, too.
    errorAbout(errors, /does not match the file name zz-likes-again\.yaml/, copy, 1);
  });

  it('a spec naming a dataset that does not exist', async () => {
    const errors = await buildErrors({ [SPEC]: (s) => s.replace('"name": "likes-fixtures"', '"name": "likes-fixture"') });
    const e = errorAbout(errors, /dataset "likes-fixture", which does not exist/, SPEC, 1);
    expect(e.message).toContain('"data": {"name": "likes-fixtures"}');
  });

  it('a spec with inline values', async () => {
    const errors = await buildErrors({
      [SPEC]: (s) => s.replace('"data": { "name": "likes-fixtures" }', '"data": { "values": [{ "label": "Yes", "share": 54.9 }] }'),
    });
    const e = errorAbout(errors, /pastes its data inline \("values"\)/, SPEC, 1);
    expect(e.hint).toMatch(/never paste values/);
  });

  it('a spec that says more than how it differs from the house chart', async () => {
    const errors = await buildErrors({ [SPEC]: '{\n  "data": { "name": "likes-fixtures" },\n  "encoding": { "x": { "field": "percent" } }\n}\n' });
    const e = errorAbout(errors, /Unrecognized key\(s\) in object: 'encoding'/, SPEC, 1);
    expect(e.hint).toMatch(/"kind", "orientation", "sort", "width", "step"/);
  });

  it('a complete single-choice question summing to 90', async () => {
    const errors = await buildErrors({ [DATA]: withShares('45', '45') });
    errorAbout(errors, /sum to 90%, not 100/, DATA, 12);
  });
});

describe('the percentage lint of Part II prose', () => {
  const partTwo = (extra: string) => (s: string) => `${s.replace('part: 1', 'part: 2')}\n${extra}\n`;

  async function percentageWarnings(edit: Edits): Promise<Diagnostic[]> {
    const root = await makeFixtureBook(edit);
    const result = await build({ root, only: ['web'] });
    return result.warnings.filter((w) => w.ruleId === 'percentage');
  }

  it('warns with file:line:column about a percentage that is neither a share nor an aggregate', async () => {
    const warnings = await percentageWarnings({
      'manuscript/03-survey.md': partTwo('Some 33% of them, and **54.9%** (the share of "yes").'),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'manuscript/03-survey.md', line: 17, column: 6, severity: 'warning' });
    expect(warnings[0]!.message).toMatch(/33%/);
  });

  it('accepts an aggregate listed for that file, and ignores front matter, code, :stat and Part I', async () => {
    const warnings = await percentageWarnings({
      'manuscript/03-survey.md': (s) => partTwo('In all, **nearly 99%** answered. `50%` in code.\n\n```\nrate = 12%\n```')(s.replace('label: REPORT 01', 'label: REPORT 01 (77%)')),
      'manuscript/02-first-essay.md': (s) => `${s}\nA Part I essay may say 12%.\n`,
      'charts/data/aggregates.yaml': '- text: nearly 99%\n  file: 03-survey.md\n  explanation: yes plus no, rounded down\n',
    });
    expect(warnings).toEqual([]);
  });

  it('finds nothing in the real report: every literal percentage is a share or an explained aggregate', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ptr-lint-'));
    try {
      const { warnings } = await build({ root: ROOT, outDir: join(out, 'dist'), only: ['web'] });
      expect(warnings.filter((w) => w.ruleId === 'percentage').map(formatDiagnostic)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('warns about an aggregate whose text is no longer in its chapter', async () => {
    const warnings = await percentageWarnings({
      'manuscript/03-survey.md': partTwo(''),
      'charts/data/aggregates.yaml': '- text: nearly 99%\n  file: 03-survey.md\n  explanation: yes plus no\n',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'charts/data/aggregates.yaml' });
    expect(warnings[0]!.message).toMatch(/"nearly 99%" covers no percentage in manuscript\/03-survey\.md/);
  });
});

describe('the real report: every question is specified, placed and published', async () => {
  const survey = await loadSurvey(ROOT);
  const ids = [...survey.questions.keys()].sort();
  const manuscript = readdirSync(join(ROOT, 'manuscript')).filter((f) => /^\d\d-.*\.md$/.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(ROOT, 'manuscript', f), 'utf8') }));
  const dist = inject('reportDist');
  const figure = (id: string) => new RegExp(`<figure\\b[^>]*\\sid="chart-${id}"`);

  it('has 28 questions', () => expect(ids).toHaveLength(28));

  it.each(ids)('%s has a spec and one ::chart placement', (id) => {
    expect(existsSync(join(ROOT, 'charts', `${id}.vl.json`))).toBe(true);
    const placements = manuscript.flatMap((m) => [...m.text.matchAll(/^::chart\{#([a-z0-9-]+)\}\s*$/gm)].map((x) => x[1]));
    expect(placements.filter((p) => p === id)).toHaveLength(1);
  });

  it('web: a figure#chart-<id> for every question', async () => {
    const html = await readFile(join(dist, 'web', 'all', 'index.html'), 'utf8');
    for (const id of ids) expect(html, id).toMatch(figure(id));
  });

  it('ePub: a figure#chart-<id> for every question in its XHTML', async () => {
    const zip = await JSZip.loadAsync(await readFile(join(dist, readdirSync(dist).find((f) => f.endsWith('.epub'))!)));
    const pages = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xhtml')).map((f) => f.async('string')));
    for (const id of ids) expect(pages.filter((p) => figure(id).test(p)), id).toHaveLength(1);
  });

  it.runIf(hasValidator('pdftotext'))('PDF: every chart title is printed', () => {
    const pdf = join(dist, readdirSync(dist).find((f) => f.endsWith('.pdf'))!);
    const norm = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
    const text = norm(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    for (const q of survey.questions.values()) expect(text, q.id).toMatch(new RegExp(`Chart \\d+\\. ${escape(norm(q.title))}`));
  });

  it('every :stat resolves and prints the share exactly as the data (and the seed line) prints it', async () => {
    const seed = readFileSync(SEED, 'utf8').split('\n');
    const html = await readFile(join(dist, 'web', 'all', 'index.html'), 'utf8');
    const printed = [...html.matchAll(/<span class="stat" data-stat="([^"]+)"[^>]*>([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!]);
    const stats = manuscript.flatMap((m) => [...m.text.matchAll(/:stat\[([^\]]*)\]/g)].map((x) => x[1]!.trim()));
    expect(stats.length).toBeGreaterThan(80);
    expect(printed.map(([key]) => key)).toEqual(stats);
    for (const [key, text] of printed) {
      const [qid, aid] = key.split('/');
      const answer = survey.questions.get(qid!)?.answers.find((a) => a.id === aid);
      expect(answer, `:stat[${key}] names no answer`).toBeDefined();
      expect(text, key).toBe(answer!.shareText);
      expect(seed[answer!.source! - 1], `${key} at seed line ${answer!.source}`).toMatch(new RegExp(`(?<![\\d.])${escape(answer!.shareText)}`));
    }
  });

  it('dist/data-report.md lists the inconsistencies kept as printed', async () => {
    const report = await readFile(join(dist, 'data-report.md'), 'utf8');
    const section = report.split('## Inconsistencies kept as printed')[1]!.split('\n## ')[0]!;
    const expected: Array<[string, RegExp]> = [
      ['biggest-challenges', /65\.75%/],
      ['changed-for-the-better', /69\.5%/],
      ['type-hints-usage', /79%/],
      ['ai-coding-assistant', /14%/],
      ['python-version-management', /n = 108/],
      ['future-cloud-platform', /1\.9%/],
    ];
    for (const [id, pattern] of expected) {
      const line = section.split('\n').find((l) => l.includes(`(${id})`) && pattern.test(l));
      expect(line, `${id} ${pattern}`).toMatch(new RegExp(`^- charts/data/${id}\\.yaml:\\d+ `));
    }
    expect(report).toContain('## Percentages in the prose that are not one answer');
    expect(report).toContain('"65.8% of respondents have more than 5 years of experience"');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
