import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadSurvey } from '../scripts/survey/load-survey.js';
import type { Question, Survey } from '../scripts/survey/survey-model.js';
import { renderCharts, type RenderedChart } from '../scripts/charts/render-charts.js';
import { answersInOrder } from '../scripts/charts/chart-rows.js';
import { chartFigure } from '../scripts/charts/chart-figure.js';

const ROOT = process.cwd();
const GOLDEN_DIR = join(ROOT, 'tests', 'fixtures', 'charts');
const UPDATE = process.env.UPDATE === '1';
const PARTIAL_NOTE = 'Only the answers cited in the report are shown';
/** One complete and one partial question of the real data. */
const GOLDEN = ['coding-experience-years', 'why-choose-python'] as const;

// At collection time, so each chart gets its own named test.
const survey: Survey = await loadSurvey(ROOT);
const charts: Map<string, RenderedChart> = await renderCharts(ROOT, survey);
const ids = [...survey.questions.keys()].sort();

const question = (id: string): Question => survey.questions.get(id)!;
const svgOf = (id: string): string => charts.get(id)!.svg;

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&');
}

/** The texts of the `<text>` elements in the mark groups whose class contains `role`; tspans (wrapped lines) joined by a space. */
function textsIn(svg: string, role: string): string[] {
  const texts: string[] = [];
  for (const group of svg.matchAll(new RegExp(`<g class="mark-text [^"]*${role}[^"]*"[^>]*>(.*?)</g>`, 'g'))) {
    for (const t of group[1]!.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)) {
      texts.push(decode(t[1]!.replace(/<\/tspan><tspan\b[^>]*>/g, ' ').replace(/<[^>]+>/g, '')));
    }
  }
  return texts;
}

/** Every text an SVG shows (titles, labels, values). */
function allTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, ' ')));
}

describe('chart SVGs', () => {
  it('renders one chart for each of the 28 questions', () => {
    expect(survey.questions.size).toBe(28);
    expect([...charts.keys()].sort()).toEqual([...survey.questions.keys()].sort());
  });

  describe.each(GOLDEN)('golden SVG of %s', (id) => {
    it('matches tests/fixtures/charts (UPDATE=1 rewrites it)', async () => {
      const path = join(GOLDEN_DIR, `${id}.svg`);
      if (UPDATE) {
        await mkdir(GOLDEN_DIR, { recursive: true });
        await writeFile(path, svgOf(id));
      }
      const golden = await readFile(path, 'utf8').catch(() => {
        throw new Error(`no golden file ${path}: run UPDATE=1 npx vitest run tests/charts.test.ts`);
      });
      expect(svgOf(id), `the chart changed; if intended, run UPDATE=1 npx vitest run tests/charts.test.ts`).toBe(golden);
    });
  });

  it('covers one complete and one partial question with the golden files', () => {
    expect(GOLDEN.map((id) => question(id).complete).sort()).toEqual([false, true]);
  });

  it('is deterministic: a second render gives the same SVG, byte for byte', async () => {
    const again = await renderCharts(ROOT, survey);
    for (const [id, chart] of charts) expect(again.get(id)!.svg, id).toBe(chart.svg);
  });

  it('keeps element ids unique across all charts (they share one web page)', () => {
    const ids = [...charts.values()].flatMap((c) => [...c.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [id, chart] of charts) {
      for (const ref of chart.svg.matchAll(/url\(#([^)]+)\)/g)) expect(chart.svg, `${id}: ${ref[1]}`).toContain(`id="${ref[1]}"`);
    }
  });

  it.each(ids)('%s: no text cut short, every label whole, every share as printed', (id) => {
    const q = question(id);
    const svg = svgOf(q.id);
    expect(svg, `${q.id} has a text cut short with "…"`).not.toMatch(/…|&#x2026;|&hellip;/);
    const sorted = answersInOrder(q);
    // Axis labels: every answer, in share order, each label whole (wrapped lines joined).
    expect(textsIn(svg, 'role-axis-label')).toEqual(sorted.map((a) => a.label.replace(/\s+/g, ' ')));
    // Bar values: exactly the printed shares (54.9%, 50%, 65.75%), never recomputed.
    expect(textsIn(svg, 'role-mark')).toEqual(sorted.map((a) => a.shareText));
    // No other percentage anywhere (title, subtitle) that the data does not print; a
    // multiple-choice subtitle's "more than 100%" is the one sentence that may name one.
    const multiNote = q.kind === 'multi' ? /more than 100%/ : /$^/;
    const shown = allTexts(svg).flatMap((t) => t.replace(multiNote, '').match(/\d+(?:\.\d+)?%/g) ?? []);
    if (q.kind === 'multi') expect(allTexts(svg).join(' '), `${q.id} says its shares may add up to more than 100%`).toMatch(multiNote);
    expect(shown.sort()).toEqual(sorted.map((a) => a.shareText).sort());
    expect(textsIn(svg, 'role-title-text').join(' ')).toBe(q.title);
  });

  it('says on every partial chart, and only there, that only the cited answers are shown', () => {
    const partial = [...survey.questions.values()].filter((q) => !q.complete);
    expect(partial.length).toBeGreaterThan(0);
    for (const q of survey.questions.values()) {
      const subtitle = textsIn(svgOf(q.id), 'role-title-subtitle').join(' ');
      // The drawing says it (its subtitle); the caption does not repeat it (issue 23).
      const figure = toHtml(chartFigure(q, charts.get(q.id)!));
      const caption = figure.slice(figure.indexOf('<figcaption>'));
      expect(caption, q.id).not.toContain(PARTIAL_NOTE);
      if (q.complete) {
        expect(subtitle, q.id).not.toContain(PARTIAL_NOTE);
        expect(figure, q.id).not.toContain(PARTIAL_NOTE);
      } else {
        expect(subtitle, q.id).toContain(PARTIAL_NOTE);
      }
    }
    expect(textsIn(svgOf('why-choose-python'), 'role-title-subtitle').join(' ')).toContain(PARTIAL_NOTE);
  });
});
