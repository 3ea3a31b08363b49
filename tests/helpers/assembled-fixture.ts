import { assembleBook, type AssembledBook } from '../../scripts/assemble/assemble-book.js';
import { readBrand, type Brand } from '../../scripts/brand/brand.js';
import { loadChapters } from '../../scripts/chapters/load-chapters.js';
import { renderCharts } from '../../scripts/charts/render-charts.js';
import { compileChapters } from '../../scripts/compile/compile-chapters.js';
import { loadBookConfig } from '../../scripts/config/load-book.js';
import { DiagnosticList } from '../../scripts/diagnostics/diagnostic.js';
import { createFigureAssets } from '../../scripts/figures/figure-assets.js';
import { createCodeHighlighter } from '../../scripts/markdown/highlighter.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';

/** A book folder loaded, compiled and assembled in process (no browser, no outputs), with its brand: what the editions start from. */
export async function assembledFixture(root: string): Promise<{ assembled: AssembledBook; brand: Brand }> {
  const book = await loadBookConfig(root);
  const survey = await loadSurvey(root);
  const charts = await renderCharts(root, survey);
  const highlighter = await createCodeHighlighter();
  const compiled = await compileChapters(await loadChapters(book), { survey, charts, figures: createFigureAssets(root), highlighter: async () => highlighter }, new DiagnosticList());
  return { assembled: assembleBook(book, compiled, survey), brand: readBrand(root) };
}
