import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { BuildError, formatDiagnostic, type Diagnostic } from '../scripts/diagnostics/diagnostic.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

const DATA = 'charts/data/likes-fixtures.yaml';
const SPEC = 'charts/likes-fixtures.vl.json';

type Edits = Parameters<typeof makeFixtureBook>[0];

/** Builds the fixture book with `edit` (no output: these errors stop the build before any) and returns its errors. */
async function buildErrors(edit: Edits): Promise<Diagnostic[]> {
  const root = await makeFixtureBook(edit);
  const error = await build({ root, only: [] }).then(() => undefined, (e: unknown) => e);
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

// A share out of range or not a number, a spec field the data lacks: tests/fixtures/errors/.
describe('survey data validation: broken inputs fail with file:line and the problem named', () => {
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
    // The lint reads the compiled chapters, before any output: none is asked for.
    const result = await build({ root, only: [] });
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
