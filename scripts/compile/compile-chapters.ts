import type { Root } from 'hast';
import { deferredHighlighter, type CodeHighlighter } from '../markdown/highlighter.js';
import type { Root as MdastRoot } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
import type { ChapterSource } from '../chapters/load-chapters.js';
import type { RenderedChart } from '../charts/render-charts.js';
import type { FigureAssets } from '../figures/figure-assets.js';
import type { Survey } from '../survey/survey-model.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { createProcessor } from '../markdown/processor.js';
import type { ProsePercentage } from '../markdown/plugins/remark-find-percentages.js';

/** A chapter compiled to HTML (as a hast tree) with what later stages need to know about it. */
export interface CompiledChapter {
  readonly source: ChapterSource;
  readonly tree: Root;
  readonly headings: ReadonlyArray<{ id: string; depth: number; text: string }>;
  readonly charts: readonly string[];
  readonly percentages: readonly ProsePercentage[];
}

export interface CompileContext {
  readonly survey: Survey;
  readonly charts: ReadonlyMap<string, RenderedChart>;
  readonly figures: FigureAssets;
  /** Made on first use: only chapters with code listings need Shiki (a quarter of a second to start). */
  readonly highlighter: () => Promise<CodeHighlighter>;
}

/** Compiles every chapter, collecting every author error before stopping the build. */
export async function compileChapters(
  chapters: readonly ChapterSource[], context: CompileContext, diagnostics: DiagnosticList, signal?: AbortSignal,
): Promise<CompiledChapter[]> {
  const compiled = await Promise.all(chapters.map(async (source) => {
    signal?.throwIfAborted();
    const highlighter = deferredHighlighter();
    const processor = createProcessor({ ...context, highlighter: highlighter.proxy, chapterId: source.id });
    const file = source.file;
    file.messages.length = 0;
    let tree: Root | undefined;
    try {
      const mdast = processor.parse(file);
      if (hasCode(mdast)) highlighter.provide(await context.highlighter());
      tree = (await processor.run(mdast, file)) as Root;
    } catch (e) {
      if (!file.messages.some((m) => m.fatal)) throw e;
    }
    diagnostics.addVFile(file, source.path);
    return { source, tree: tree ?? { type: 'root', children: [] }, headings: file.data.headings ?? [], charts: file.data.charts ?? [], percentages: file.data.percentages ?? [] };
  }));
  reportDuplicateCharts(compiled, diagnostics);
  diagnostics.throwIfErrors();
  return compiled;
}

function hasCode(tree: MdastRoot): boolean {
  let found = false;
  visit(tree, 'code', () => {
    found = true;
    return EXIT;
  });
  return found;
}

/** Each chart appears once in the book. */
export function reportDuplicateCharts(chapters: readonly CompiledChapter[], diagnostics: DiagnosticList): void {
  const seen = new Map<string, string>();
  for (const c of chapters) {
    for (const id of c.charts) {
      if (seen.has(id)) diagnostics.error(c.source.path, 1, 1, `chart "${id}" is placed twice (also in ${seen.get(id)})`, 'each chart appears once; link to it with [text](#chart-id) instead', 'chart');
      seen.set(id, c.source.path);
    }
  }
}
