import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { compileChapters, reportDuplicateCharts, type CompileContext, type CompiledChapter } from './compile-chapters.js';
import type { ChapterSource } from '../chapters/load-chapters.js';
import { BuildError, DiagnosticList, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildCache, CacheUse } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';

const KIND = 'chapters';

/** What a compiled chapter was made from besides its own text, each with the hash it had. */
interface Dependencies {
  readonly questions: Record<string, string>;
  readonly charts: Record<string, string>;
  readonly figures: Record<string, string>;
}

interface Entry {
  readonly deps: Dependencies;
  readonly tree: Root;
  readonly headings: CompiledChapter['headings'];
  readonly charts: readonly string[];
  readonly percentages: CompiledChapter['percentages'];
  readonly messages: readonly Diagnostic[];
}

/**
 * Compiles the chapters, reusing a chapter's tree when its text, the pipeline and everything
 * it binds (the survey questions it quotes, the charts it places, the figures it inlines) are
 * what they were. Collects every chapter's errors, like compileChapters, then throws.
 */
export async function compileChaptersCached(
  chapters: readonly ChapterSource[], context: CompileContext, diagnostics: DiagnosticList, cache: BuildCache, signal?: AbortSignal,
): Promise<{ compiled: CompiledChapter[]; use: CacheUse }> {
  const made: string[] = [];
  const compiled = await Promise.all(chapters.map(async (source) => {
    signal?.throwIfAborted();
    const key = contentHash(cache.pipeline, KIND, source.path, String(source.file));
    const entry = await readEntry(cache, key);
    if (entry && await isCurrent(entry.deps, source, context)) {
      entry.messages.forEach((m) => diagnostics.add(m));
      return { source, tree: entry.tree, headings: entry.headings, charts: entry.charts, percentages: entry.percentages };
    }
    made.push(source.id);
    const local = new DiagnosticList();
    try {
      const [chapter] = await compileChapters([source], context, local, signal);
      const fresh: Entry = { deps: await dependenciesOf(chapter!, context), tree: chapter!.tree, headings: chapter!.headings, charts: chapter!.charts, percentages: chapter!.percentages, messages: local.items };
      await cache.store.write(KIND, key, JSON.stringify(fresh));
      return chapter!;
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      return undefined;
    } finally {
      local.items.forEach((m) => diagnostics.add(m));
    }
  }));
  const ok = compiled.filter((c): c is CompiledChapter => c !== undefined);
  reportDuplicateCharts(ok, diagnostics);
  diagnostics.throwIfErrors();
  return { compiled: ok, use: { reused: chapters.length - made.length, made } };
}

async function readEntry(cache: BuildCache, key: string): Promise<Entry | undefined> {
  const bytes = await cache.store.read(KIND, key);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as Entry;
  } catch {
    return undefined;
  }
}

async function dependenciesOf(chapter: CompiledChapter, context: CompileContext): Promise<Dependencies> {
  const questions = new Set(chapter.charts);
  visit(chapter.tree, 'element', (node: Element) => {
    const stat = node.properties.dataStat;
    if (typeof stat === 'string') questions.add(stat.split('/')[0]!);
  });
  const figures = chapter.source.file.data.figureSources ?? [];
  return {
    questions: Object.fromEntries([...questions].map((id) => [id, questionHash(id, context)])),
    charts: Object.fromEntries(chapter.charts.map((id) => [id, chartHash(id, context)])),
    figures: Object.fromEntries(await Promise.all(figures.map(async (src) => [src, await figureHash(src, chapter.source, context)] as const))),
  };
}

async function isCurrent(deps: Dependencies, source: ChapterSource, context: CompileContext): Promise<boolean> {
  for (const [id, hash] of Object.entries(deps.questions)) if (questionHash(id, context) !== hash) return false;
  for (const [id, hash] of Object.entries(deps.charts)) if (chartHash(id, context) !== hash) return false;
  for (const [src, hash] of Object.entries(deps.figures)) if (await figureHash(src, source, context) !== hash) return false;
  return true;
}

function questionHash(id: string, context: CompileContext): string {
  return contentHash(JSON.stringify(context.survey.questions.get(id) ?? null));
}

function chartHash(id: string, context: CompileContext): string {
  return contentHash(context.charts.get(id)?.svg ?? '\0none');
}

async function figureHash(src: string, source: ChapterSource, context: CompileContext): Promise<string> {
  return contentHash(JSON.stringify(await context.figures.load(src, source.path)));
}
