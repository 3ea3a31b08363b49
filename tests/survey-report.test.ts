import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, inject, it } from 'vitest';
import { loadSurvey } from '../scripts/survey/load-survey.js';
import { hasValidator } from './helpers/validators.js';
import { reportWarnings } from './helpers/report-warnings.js';

const ROOT = process.cwd();
/** The seed sits beside the repository: `../shared/seed/` from its root. */
const SEED = resolve(import.meta.dirname, '..', '../shared/seed/python-tech-radar.txt');

describe('the real report: every question is specified, placed and published', async () => {
  const survey = await loadSurvey(ROOT);
  const ids = [...survey.questions.keys()].sort();
  const manuscript = readdirSync(join(ROOT, 'manuscript')).filter((f) => /^\d\d-.*\.md$/.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(ROOT, 'manuscript', f), 'utf8') }));
  const dist = inject('reportDist');
  const figure = (id: string) => new RegExp(`<figure\\b[^>]*\\sid="chart-${id}"`);

  it('has 28 questions', () => expect(ids).toHaveLength(28));

  it('has no percentage warning: every literal percentage is a share or an explained aggregate', async () => {
    expect((await reportWarnings()).filter((w) => w.ruleId === 'percentage').map((w) => w.text)).toEqual([]);
  });

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
    // The title is the chart's drawn header; its caption carries the number (and only what the header does not say).
    for (const q of survey.questions.values()) expect(text, q.id).toMatch(new RegExp(escape(norm(q.title))));
    expect(text.match(/Chart \d+\./g)?.length).toBeGreaterThanOrEqual(survey.questions.size);
  });

  // The seed sits beside the repository (CI has it); a clone elsewhere skips this check.
  it.runIf(existsSync(SEED))('every :stat resolves and prints the share exactly as the data (and the seed line) prints it', async () => {
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
