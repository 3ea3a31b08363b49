import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { AssembledBook } from '../../scripts/assemble/assemble-book.js';
import { chartFigure } from '../../scripts/charts/chart-figure.js';
import { baseLabel, partialNote } from '../../scripts/charts/chart-rows.js';
import { renderCharts } from '../../scripts/charts/render-charts.js';
import { captionBeforeTable, collectChartGraphics } from '../../scripts/epub/chart-images.js';
import { epubSections } from '../../scripts/epub/epub-sections.js';
import { createFigureAssets } from '../../scripts/figures/figure-assets.js';
import { createCodeHighlighter } from '../../scripts/markdown/highlighter.js';
import { createProcessor } from '../../scripts/markdown/processor.js';
import { bookUnits } from '../../scripts/print/units/book-units.js';
import { unitDocument } from '../../scripts/print/units/unit-document.js';
import { bookLinks } from '../../scripts/print/merge/cross-unit-links.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';
import { createSitePages } from '../../scripts/web/site-pages.js';
import { makeFixtureBook } from '../helpers/fixture-book.js';
import { assembledFixture } from '../helpers/assembled-fixture.js';
import type { Brand } from '../../scripts/brand/brand.js';

const ROOT = process.cwd();
const classes = (el: Element): string[] => (el.properties.className as string[] | undefined) ?? [];
const elementsOf = (children: readonly ElementContent[]): Element[] => children.filter((c): c is Element => c.type === 'element');

function all(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (el: Element) => {
    if (test(el)) found.push(el);
  });
  return found;
}

/** Each chart figure of a tree with the element that holds it. */
function chartFigures(tree: Root | Element): Array<{ figure: Element; parent: Element }> {
  const found: Array<{ figure: Element; parent: Element }> = [];
  visit(tree, 'element', (el: Element, _i, parent) => {
    if (el.tagName === 'figure' && classes(el).includes('chart')) found.push({ figure: el, parent: parent as Element });
  });
  return found;
}

/** The caption's text (the print hyphenates it: a soft hyphen is not read). */
const captionOf = (figure: Element): string => toString(all(figure, (el) => el.tagName === 'figcaption')[0]!).replaceAll('\u00AD', '').replace(/\s+/g, ' ').trim();

/** The texts of an SVG's mark-text groups whose class holds `role` (the drawn header: role-title-text, role-title-subtitle). */
function drawn(svg: string, role: string): string {
  return [...svg.matchAll(new RegExp(`<g class="mark-text [^"]*${role}[^"]*"[^>]*>(.*?)</g>`, 'g'))]
    .flatMap((g) => [...g[1]!.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((t) => t[1]!.replace(/<[^>]+>/g, ' ')))
    .join(' ').replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

/**
 * Issue 23: a chart's caption says what the chart's drawn header does not (the number, the
 * notes), instead of repeating its question, n and instruction; on the web and in the ePub it
 * sits under the drawing, before the data table and the CSV link.
 */
describe('chart captions', () => {
  describe('on the report\'s 28 charts', async () => {
    const survey = await loadSurvey(ROOT);
    const charts = await renderCharts(ROOT, survey);

    it('leave the question, n, instruction and partial note to the drawn header, which shows them', () => {
      expect(survey.questions.size).toBe(28);
      for (const q of survey.questions.values()) {
        const figure = chartFigure(q, charts.get(q.id)!);
        const caption = captionOf(figure);
        const header = `${drawn(charts.get(q.id)!.svg, 'role-title-text')} ${drawn(charts.get(q.id)!.svg, 'role-title-subtitle')}`;
        for (const said of [q.title, baseLabel(q), q.instruction, partialNote(q)].filter((s): s is string => Boolean(s))) {
          expect(caption, `${q.id}: the caption repeats "${said}"`).not.toContain(said);
          // Wrapped lines are joined by a space: the header shows each of them.
          expect(header, `${q.id}: the drawing's header shows "${said}"`).toContain(said.replace(/\s+/g, ' '));
        }
        // Still named: the figure by its question, the drawing by its alt text.
        expect(figure.properties.ariaLabel, q.id).toBe(q.title);
        expect(String(all(figure, (el) => classes(el).includes('chart-graphic'))[0]!.properties.ariaLabel)).toMatch(/^Bar chart\. /);
      }
    });

    it('print a note the header lacks, and a question\'s footnote only when its chapter does not', async () => {
      const withNote = [...survey.questions.values()].find((q) => q.note)!;
      expect(captionOf(chartFigure(withNote, charts.get(withNote.id)!))).toContain(withNote.note);
      const q = survey.questions.get('ai-coding-assistant')!;
      expect(q.footnote).toBeTruthy();
      // The chapter prints the same note as its own footnote: the caption does not say it again.
      const path = 'manuscript/11-tools-and-technologies.md';
      const processor = createProcessor({ chapterId: 'tools', survey, charts, figures: createFigureAssets(ROOT), highlighter: await createCodeHighlighter() });
      const file = new VFile({ path, value: await readFile(join(ROOT, path), 'utf8') });
      const tree = fromHtml(String(await processor.process(file)), { fragment: true });
      const figure = chartFigures(tree).find((c) => c.figure.properties.dataQuestion === q.id)!.figure;
      expect(captionOf(figure)).not.toContain(q.footnote);
      expect(toString(tree).split(q.footnote!).length - 1, 'the footnote is printed once').toBe(1);
      // A chart placed where no footnote says it keeps its note.
      expect(captionOf(chartFigure(q, charts.get(q.id)!))).toContain(`* ${q.footnote}`);
    });
  });

  describe('in every edition of the fixture book', () => {
    const TITLE = 'Do you like fixtures?';
    const NOTE = 'Asked of the fixture respondents only.';
    let assembled: AssembledBook;
    let brand: Brand;
    beforeAll(async () => {
      const root = await makeFixtureBook({
        // A note the header does not draw, and the footnote the chapter prints ([^n]).
        'charts/data/likes-fixtures.yaml': (y) => y.replace('instruction: null', 'instruction: "(select one answer)"')
          .replace('source: 1\nanswers:', `source: 1\nnote: "${NOTE}"\nfootnote: "A footnote about the survey."\nanswers:`),
      });
      ({ assembled, brand } = await assembledFixture(root));
    });

    const expectCaption = (figure: Element, where: string) => {
      const caption = captionOf(figure);
      expect(caption, where).toBe(`Chart 1. ${NOTE}`);
      for (const repeated of [TITLE, 'n = 102', '(select one answer)', 'A footnote about the survey.']) expect(caption, where).not.toContain(repeated);
      expect(figure.properties.ariaLabel, where).toBe(TITLE);
    };

    it('lists the chart by its question, which its caption no longer repeats', () => {
      expect(assembled.figures.filter((f) => f.kind === 'chart')).toEqual([{ id: 'chart-likes-fixtures', kind: 'chart', number: 1, title: TITLE }]);
    });

    it('print: the number and the note', () => {
      const units = bookUnits(assembled);
      const links = bookLinks(units.map((u) => ({ id: u.id, trees: u.sections.map((s) => s.element) })));
      const figures = units.flatMap((u) => chartFigures(unitDocument(assembled, u, undefined, links)));
      expect(figures).toHaveLength(1);
      expectCaption(figures[0]!.figure, 'print');
    });

    it('web (its page and "read all"): drawing, caption, then the data table and the CSV link', () => {
      const pages = createSitePages(assembled, brand);
      const paths = [...pages.plan.sections.map((p) => p.path), pages.plan.all.path];
      let seen = 0;
      for (const path of paths) {
        for (const { figure, parent } of chartFigures(fromHtml(pages.html(path)!))) {
          seen += 1;
          expectCaption(figure, path);
          expect(elementsOf(figure.children).map((el) => el.tagName === 'figcaption' ? 'figcaption' : classes(el)[0]), path).toEqual(['chart-graphic', 'figcaption']);
          const siblings = elementsOf(parent.children);
          const after = siblings.slice(siblings.indexOf(figure) + 1, siblings.indexOf(figure) + 3);
          expect(after.map((el) => classes(el)[0]), path).toEqual(['chart-data', 'chart-download']);
          expect(after[0]!.properties.id, path).toBe('chart-likes-fixtures-data');
          expect(all(after[0]!, (el) => el.tagName === 'table')).toHaveLength(1);
          expect(String(all(after[1]!, (el) => el.tagName === 'a')[0]!.properties.href), path).toMatch(/likes-fixtures\.csv$/);
        }
      }
      expect(seen).toBe(2);
    });

    it('ePub: image, caption, then the data table', () => {
      const { sections } = epubSections(assembled);
      const charts = collectChartGraphics(sections.map((s) => s.body));
      expect(charts).toHaveLength(1);
      charts.forEach(captionBeforeTable);
      const { figure, parent } = chartFigures(charts[0]!.parent)[0]!;
      expectCaption(figure, 'ePub');
      expect(elementsOf(figure.children).map((el) => el.tagName === 'figcaption' ? 'figcaption' : classes(el)[0])).toEqual(['chart-graphic', 'figcaption']);
      const siblings = elementsOf(parent.children);
      expect(classes(siblings[siblings.indexOf(figure) + 1]!)).toContain('chart-data');
    });
  });
});
