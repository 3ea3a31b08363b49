import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSurvey } from '../../scripts/survey/load-survey.js';
import { BuildError, formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';
import { makeFixtureBook } from '../helpers/fixture-book.js';

/**
 * Issue 21, class 8: a share is printed as written, so it must be written as a percentage is
 * printed (YAML reads 0x10, 1e1, 5., +7 and 012 as numbers); the previous edition's shares are
 * keyed by answer ids as the file writes them (`__proto__` is unknown like any other id).
 */
const DATA = 'charts/data/likes-fixtures.yaml';
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

async function survey(edit: (yaml: string) => string, previous = false) {
  const root = await makeFixtureBook({ [DATA]: edit });
  temps.push(root);
  if (previous) await writeFile(join(root, 'charts', 'data', 'survey.yaml'), 'edition: 2023\n');
  try {
    return { survey: await loadSurvey(root), errors: [] as string[] };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return { survey: undefined, errors: e.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]!) };
  }
}

const yes = (share: string) => (s: string) => s.replace('share: 54.9', `share: ${share}`).replace('share: 45.1', `share: ${(100 - Number(share)).toFixed(1)}`);

describe('a share is written as it is printed', () => {
  for (const [written, line] of [['0x10', 12], ['1e1', 12], ['5.', 12], ['+7', 12], ['012', 12], ['-0', 12], ['.5', 12], ['0o12', 12], ['.inf', 12]] as const) {
    it(`refuses ${written} at the number`, async () => {
      const { errors } = await survey((s) => s.replace('share: 54.9', `share: ${written}`));
      expect(errors).toContain(`${DATA}:${line}:12: error: share ${written} is not a plain decimal number: the book would print it as written [survey-share]`);
    });
  }

  it('takes what a reader reads as a percentage: 0, 7, 54.9, 54.90, 100', async () => {
    for (const written of ['54.9', '54.90']) {
      const { survey: loaded, errors } = await survey(yes(written));
      expect(errors, written).toEqual([]);
      expect(loaded!.questions.get('likes-fixtures')!.answers[0]!.shareText).toBe(`${written}%`);
    }
    const { errors } = await survey((s) => s.replace('share: 54.9', 'share: 100').replace('share: 45.1', 'share: 0'));
    expect(errors).toEqual([]);
  });

  it('refuses an alias for a share: it has no text of its own to print', async () => {
    const { errors } = await survey((s) => s.replace('share: 54.9', 'share: &half 50').replace('share: 45.1', 'share: *half'));
    expect(errors).toEqual([`${DATA}:16:12: error: share *half is not a plain decimal number: the book would print it as written [survey-share]`]);
    // A tag is not printed: the number after it is what is checked.
    const tagged = await survey((s) => s.replace('share: 54.9', 'share: !!int 0x10'));
    expect(tagged.errors).toContain(`${DATA}:12:18: error: share 0x10 is not a plain decimal number: the book would print it as written [survey-share]`);
  });

  it('checks the previous edition\'s shares the same way', async () => {
    const { errors } = await survey((s) => `${s}previous:\n  edition: 2022\n  shares: {"yes": 5e1, "no": 50}\n`, true);
    expect(errors).toEqual([`${DATA}:20:19: error: share 5e1 is not a plain decimal number: the book would print it as written [survey-share]`]);
  });
});

describe('previous.shares keys are the answer ids as written', () => {
  it('__proto__ and constructor are unknown answers, like any other id, each at its place', async () => {
    const { errors } = await survey((s) => `${s}previous:\n  edition: 2022\n  shares:\n    __proto__: 12.5\n    "yes": 50.1\n    constructor: 3\n    toString: 1\n`, true);
    expect(errors).toEqual([
      `${DATA}:21:16: error: previous.shares names "__proto__", which is not an answer of likes-fixtures [survey-previous]`,
      `${DATA}:23:18: error: previous.shares names "constructor", which is not an answer of likes-fixtures [survey-previous]`,
      `${DATA}:24:15: error: previous.shares names "toString", which is not an answer of likes-fixtures [survey-previous]`,
    ]);
  });

  it('an answer whose id is a prototype name has no previous share unless the file gives one', async () => {
    const { survey: loaded, errors } = await survey((s) => `${s.replace('id: "no"', 'id: "constructor"')}previous:\n  edition: 2022\n  shares:\n    "yes": 50.1\n`, true);
    expect(errors).toEqual([]);
    const [first, second] = loaded!.questions.get('likes-fixtures')!.answers;
    expect(first!.previous?.changeText).toBe('+4.8 pp');
    expect(second!.id).toBe('constructor');
    expect(second!.previous).toBeUndefined();
  });
});
