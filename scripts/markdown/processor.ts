import type { Root as HastRoot } from 'hast';
import type { CodeHighlighter } from './highlighter.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkSmartypants from 'remark-smartypants';
import remarkRehype from 'remark-rehype';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import type { Survey } from '../survey/survey-model.js';
import type { RenderedChart } from '../charts/render-charts.js';
import type { FigureAssets } from '../figures/figure-assets.js';
import remarkNestingLimit from './plugins/remark-nesting-limit.js';
import remarkLengthLimits from './plugins/remark-length-limits.js';
import remarkFindPercentages from './plugins/remark-find-percentages.js';
import remarkRefuseRawHtml from './plugins/remark-refuse-raw-html.js';
import remarkCheckDirectives from './plugins/remark-check-directives.js';
import remarkCheckFootnotes from './plugins/remark-check-footnotes.js';
import remarkCheckCode from './plugins/remark-check-code.js';
import remarkCheckBidi from './plugins/remark-check-bidi.js';
import remarkCheckImages from './plugins/remark-check-images.js';
import remarkCheckLinks from './plugins/remark-check-links.js';
import remarkStat from './plugins/remark-stat.js';
import remarkChart from './plugins/remark-chart.js';
import remarkCommentary from './plugins/remark-commentary.js';
import remarkQuote from './plugins/remark-quote.js';
import remarkFigure from './plugins/remark-figure.js';
import remarkNoteAndStats from './plugins/remark-note-and-stats.js';
import rehypeChapterIds from './plugins/rehype-chapter-ids.js';
import rehypeHighlightCode from './plugins/rehype-highlight-code.js';

export interface ProcessorOptions {
  readonly chapterId: string;
  readonly survey: Survey;
  readonly charts: ReadonlyMap<string, RenderedChart>;
  readonly figures: FigureAssets;
  readonly highlighter: CodeHighlighter;
}

/**
 * The one place that fixes the plugin order. Author HTML is refused before anything else
 * (so the only raw nodes left are the build's own SVG), directives are checked before they
 * are transformed, and quotes are made typographic before code is highlighted.
 */
export function createProcessor(options: ProcessorOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkNestingLimit)
    .use(remarkLengthLimits)
    .use(remarkFindPercentages)
    .use(remarkRefuseRawHtml)
    .use(remarkCheckDirectives)
    .use(remarkCheckFootnotes)
    .use(remarkCheckCode)
    .use(remarkCheckBidi)
    .use(remarkCheckImages, { figures: options.figures })
    .use(remarkCheckLinks)
    .use(remarkSmartypants, { dashes: false, ellipses: false, backticks: false })
    .use(remarkStat, { survey: options.survey })
    .use(remarkChart, { survey: options.survey, charts: options.charts })
    .use(remarkCommentary, { chapterId: options.chapterId })
    .use(remarkQuote)
    .use(remarkFigure, { figures: options.figures })
    .use(remarkNoteAndStats)
    .use(remarkRehype, { clobberPrefix: `${options.chapterId}-`, footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' })
    .use(rehypeSlug)
    .use(rehypeChapterIds, { chapterId: options.chapterId })
    .use(rehypeHighlightCode, { highlighter: options.highlighter })
    .use(rehypeStringify, { allowDangerousHtml: true });
}

export type ChapterProcessor = ReturnType<typeof createProcessor>;
export type { HastRoot };
