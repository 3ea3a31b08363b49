import type { Root, Text } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import { SKIP, visit } from 'unist-util-visit';
import type { CompiledChapter } from '../compile/compile-chapters.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { Survey } from './survey-model.js';
import type { Aggregate } from './survey-schema.js';

/** `54.9%`, `46 %`, `6%` of `5–6%`; not the digits of a longer number (`1,5%`, `v3.11%`). */
const PERCENTAGE = /(?<![\d.,])(\d+(?:[.,]\d+)?)[ \u00a0\u202f]?(?:%|percent\b|per cent\b)/g;

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);

/**
 * Part II states survey figures through `:stat` so every printed share comes from the data.
 * A literal percentage left in its prose is accepted only when it is some answer's share or
 * a listed aggregate (a sum, bound, rounding or outside figure explained in aggregates.yaml).
 * Front matter, code and the `:stat` directives are not prose, so they are never read.
 */
export function lintPercentages(survey: Survey, chapters: readonly CompiledChapter[], diagnostics: DiagnosticList): void {
  const shares = new Set([...survey.questions.values()].flatMap((q) => q.answers.map((a) => a.share)));
  const used = new Set<Aggregate>();
  for (const chapter of chapters) {
    if (chapter.source.meta.part !== 2) continue;
    const path = chapter.source.path;
    const text = String(chapter.source.file);
    const aggregates = survey.aggregates.filter((a) => sameFile(path, a.file));
    for (const m of prosePercentages(text)) {
      const covering = aggregates.find((a) => covers(text, a.text, m.start, m.end));
      if (covering) {
        used.add(covering);
        continue;
      }
      if (shares.has(m.value)) continue;
      const { line, column } = positionAt(text, m.start);
      diagnostics.warn(path, line, column,
        `the percentage ${m.text} is neither an answer's share in charts/data nor listed in charts/data/aggregates.yaml`,
        'a share of one answer is written :stat[question/answer]; a sum, bound or outside figure goes in aggregates.yaml with its explanation',
        'percentage');
    }
  }
  // An entry whose text no longer occurs would silently excuse nothing: say so.
  const partTwo = chapters.filter((c) => c.source.meta.part === 2).map((c) => c.source.path);
  for (const a of survey.aggregates) {
    if (used.has(a)) continue;
    const where = partTwo.find((p) => sameFile(p, a.file));
    diagnostics.warn('charts/data/aggregates.yaml', 1, 1,
      where ? `the aggregate "${a.text}" covers no percentage in ${where}` : `the aggregate "${a.text}" names ${a.file}, which is not a Part II chapter`,
      'copy the text exactly as the chapter prints it (percentage included), or remove the entry', 'percentage');
  }
}

interface Found {
  readonly text: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/** Percentages in the text nodes of a chapter, with offsets into its raw source. */
function prosePercentages(source: string): Found[] {
  const tree = parser.parse(source) as Root;
  const found: Found[] = [];
  visit(tree, (node) => {
    if (node.type === 'textDirective' && node.name === 'stat') return SKIP;
    if (node.type !== 'text') return;
    const start = (node as Text).position?.start.offset;
    const end = (node as Text).position?.end.offset;
    if (start === undefined || end === undefined) return;
    // The raw slice, not node.value: offsets must point into the file as written.
    for (const m of source.slice(start, end).matchAll(PERCENTAGE)) {
      found.push({ text: m[0], value: Number(m[1]!.replace(',', '.')), start: start + m.index, end: start + m.index + m[0].length });
    }
  });
  return found;
}

/** Aggregate files are named as in manuscript/ (`08-who-answered.md`); chapter paths carry the folder. */
function sameFile(path: string, file: string): boolean {
  return path === file || path.endsWith(`/${file}`);
}

/** Whether `phrase` occurs in `text` around [start, end); whitespace may differ (line breaks). */
function covers(text: string, phrase: string, start: number, end: number): boolean {
  const pattern = new RegExp(phrase.trim().split(/\s+/).map(escape).join('\\s+'), 'g');
  for (const m of text.matchAll(pattern)) {
    if (m.index <= start && m.index + m[0].length >= end) return true;
  }
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
