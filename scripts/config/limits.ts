import { FILE_BYTES } from '../diagnostics/file-limits.js';

/**
 * The bounds the build puts on its sources, in one place (issue 21, class 4): past any of them a
 * source is refused with an error at its place, before the work it would cause (Chromium laying
 * out a 10 MB paragraph, a `<use>` bomb, thousands of chart bars). Each is far above what the
 * report uses; the README's "Limits" table lists them. Changing one: here, and that table.
 */
export const LIMITS = {
  /** Bytes of one file the build reads, by kind (defined in diagnostics/file-limits.ts: the base layer reads them). */
  fileBytes: FILE_BYTES,
  /** Forbidden characters (controls, bidi controls) reported per file; a file full of NULs gets one line more, not a million. */
  characterErrorsPerFile: 10,
  /** Characters in a chapter's `title` (the report's longest: 71); 20,000 made 488 pages in 163 s. */
  chapterTitle: 200,
  /** Characters in a chapter's `short` (its running head in print, one line of the page's top margin; the report's longest: 22). */
  chapterShort: 80,
  /** Characters in a chapter's `subtitle` or `label` (the report's longest: 44). */
  chapterSubtitle: 300,
  /** Characters in a heading's text (the report's longest: ~120). */
  heading: 300,
  /** Characters in one paragraph, table cell or code block (the report's longest: ~830); 10 MB timed Chromium out. */
  block: 20_000,
  /** Characters in one attribute of a directive (`alt`, `title`, `name`…; the report's longest: an alt text of 219). */
  attribute: 2_000,
  /** Answers in one survey question (the report's largest, next-hot-topic, has 10); 5,000 took 4.3 GB and 261 pages. */
  answers: 60,
  /** Levels of elements nested in a figure's SVG (the report's deepest: 4); 2,000 overflowed the stack. */
  svgDepth: 64,
  /** Elements in a figure's SVG file (the report's largest: 53). */
  svgElements: 20_000,
  /** `<use>` inside what a `<use>` copies, levels deep (the report uses none); each level multiplies what is drawn. */
  svgUseDepth: 4,
  /** Elements a figure draws once every `<use>` is expanded (a "billion laughs" of `<use>` hung the print). */
  svgDrawnElements: 50_000,
} as const;
