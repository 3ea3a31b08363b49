import type { Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

declare module 'vfile' {
  interface DataMap {
    /** Literal percentages in the chapter's prose, with offsets into its source (for the survey lint). */
    percentages: ProsePercentage[];
  }
}

export interface ProsePercentage {
  readonly text: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/** `54.9%`, `46 %`, `6%` of `5–6%`; not the digits of a longer number (`1,5%`, `v3.11%`). */
const PERCENTAGE = /(?<![\d.,])(\d+(?:[.,]\d+)?)[ \u00a0\u202f]?(?:%|percent\b|per cent\b)/g;

/**
 * Finds the percentages an author wrote in prose, so the survey lint can check each against
 * the data without parsing the chapter again. Runs on the parsed tree, before any plugin
 * changes text: code, front matter and `:stat` directives are not prose and are never read.
 */
export default function remarkFindPercentages() {
  return (tree: Root, file: VFile) => {
    const source = String(file);
    const found: ProsePercentage[] = [];
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
    file.data.percentages = found;
  };
}
