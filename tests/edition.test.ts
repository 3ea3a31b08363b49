import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';

const REPO = join(import.meta.dirname, '..');
const LAUNCH = join(REPO, 'scripts', 'cli', 'launch.mjs');
const FIXTURE = join(REPO, 'tests', 'fixtures', 'edition');
const CHARTS = ['seniority-level', 'why-choose-python', 'commercial-projects-count'];

/** `npm run edition -- …` / `npm run build -- …` as the package's scripts run them, in `cwd`. */
function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCH, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function dataFiles(root: string): Promise<Record<string, string>> {
  const dir = join(root, 'charts', 'data');
  return Object.fromEntries(await Promise.all((await readdir(dir)).sort().map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

describe('from a SurveyMonkey export to a built edition with the command and the build', () => {
  it('wires the fixture book, builds the expected shares with the 2023 ones beside them; a second run changes nothing', async () => {
    const root = await makeFixtureBook({
      'manuscript/03-survey.md': (s) => `${s}\n${CHARTS.map((id) => `::chart{#${id}}\n`).join('\n')}`,
    });
    await cp(join(FIXTURE, 'charts'), join(root, 'charts'), { recursive: true });
    await cp(join(FIXTURE, 'responses'), join(root, 'responses'), { recursive: true });

    const first = await run(['edition', '2024', 'responses/surveymonkey.csv'], root);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('charts/data/why-choose-python.yaml: "Why did you choose Python?" is the column "Why did you choose Python?" (responses/surveymonkey.csv:1:45)');
    expect(first.stdout).toContain('  community: "Community" added (the old edition never printed it)');
    expect(first.stdout).toContain('  more-than-20: "More than 20" matched ignoring case, punctuation and a unit word');
    expect(first.stdout).toContain('responses/surveymonkey.csv:1:1: the column "Respondent ID" is no question of the book (not counted)');
    expect(first.stderr).toContain('Ready with 1 warning(s): npm run build publishes the 2024 edition.');

    const built = await run(['build', '--only', 'web'], root);
    expect(built.code, built.stderr).toBe(0);
    const report = await readFile(join(root, 'dist', 'data-report.md'), 'utf8');
    expect(report).toContain('Edition 2024, from responses/surveymonkey.csv, column "Why did you choose Python?"; n = 10 who answered.');
    expect(report).toContain('| Clean and concise syntax | 7 | 70.0% | 79.4% | −9.4 pp |');
    expect(report).toContain('| Community | 3 | 30.0% | – | – |');
    expect(report).toContain('| More than 20 projects | 1 | 10.0% | 3.9% | +6.1 pp |');
    expect(report).toMatch(/## Still the printed shares\n\n- likes-fixtures \(charts\/data\/likes-fixtures\.yaml\)/);
    const csv = await readFile(join(root, 'dist', 'web', 'data', 'seniority-level.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('question,base,note,answer,share,count,seed_line,previous_edition,previous_share,change');
    expect(csv).toContain('What is your seniority level?,10,,Regular,50.0%,5,,2023,54.9%,−4.9 pp\r\n');
    expect(csv).toContain('What is your seniority level?,10,,Expert,10.0%,1,,2023,,\r\n');

    const before = await dataFiles(root);
    const second = await run(['edition', '2024', 'responses/surveymonkey.csv'], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing changed: the files already say this.');
    expect(await dataFiles(root)).toEqual(before);
  });

  it('bad data stops the command at its cell, with exit status 1', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-cli-'));
    await cp(FIXTURE, root, { recursive: true });
    const { writeFile } = await import('node:fs/promises');
    const csv = join(root, 'responses', 'google-forms.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('Ease of learning;Ability to quickly prototype ideas,1-5', 'Ease of learning;Ability to quickly prototype ideas;Community,1-5'));
    const failed = await run(['edition', '2024', 'responses/google-forms.csv'], root);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^responses\/google-forms\.csv:2:29: error: a respondent picked 4 answers of why-choose-python, more than its max: 3/m);
  });
});
