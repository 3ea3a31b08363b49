import { readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { VFile } from 'vfile';
import { createProcessor } from '../scripts/markdown/processor.js';
import { loadSurvey } from '../scripts/survey/load-survey.js';
import { renderCharts } from '../scripts/charts/render-charts.js';
import { createFigureAssets } from '../scripts/figures/figure-assets.js';
import { createCodeHighlighter, type CodeHighlighter } from '../scripts/markdown/highlighter.js';
import type { Survey } from '../scripts/survey/survey-model.js';
import { makeFixtureBook } from './helpers/fixture-book.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'markdown');

/**
 * Golden fixtures: tests/fixtures/markdown/<case>/input.md → output.html.
 * `UPDATE=1 npx vitest run tests/markdown-fixtures.test.ts` rewrites them; review the diff.
 */
describe('markdown → HTML fixtures', async () => {
  let survey: Survey;
  let highlighter: CodeHighlighter;
  let charts: Awaited<ReturnType<typeof renderCharts>>;
  let book: string;
  beforeAll(async () => {
    book = await makeFixtureBook();
    survey = await loadSurvey(book);
    charts = await renderCharts(book, survey);
    highlighter = await createCodeHighlighter();
  });
  const cases = (await readdir(FIXTURES)).sort();
  for (const name of cases) {
    it(name, async () => {
      const input = await readFile(join(FIXTURES, name, 'input.md'), 'utf8');
      const processor = createProcessor({ chapterId: name, survey, charts, figures: createFigureAssets(book), highlighter });
      const file = new VFile({ path: `manuscript/01-${name}.md`, value: input });
      const html = String(await processor.process(file));
      expect(file.messages.filter((m) => m.fatal)).toEqual([]);
      const golden = join(FIXTURES, name, 'output.html');
      if (process.env.UPDATE === '1' || !existsSync(golden)) await writeFile(golden, html);
      expect(html).toBe(await readFile(golden, 'utf8'));
    });
  }
});
