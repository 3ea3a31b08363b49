/**
 * The bounds the build puts on its sources, in one place (issue 21, class 4): past any of them a
 * source is refused with an error at its place, before the work it would cause (Chromium laying
 * out a 10 MB paragraph, a `<use>` bomb, thousands of chart bars). Each is far above what the
 * report uses; the README's "Limits" table lists them. Changing one: here, and that table.
 */
export const LIMITS = {
  /**
   * Bytes of one source file, by kind, checked on the open file before it is read
   * (diagnostics/project-files.ts). The report's largest of each kind is in the comment.
   */
  fileBytes: {
    /** One chapter's Markdown (largest 43 KB): 2 MB is some 700 printed pages of prose. */
    chapter: 2 * 1024 * 1024,
    /** One SVG figure (largest 3.5 KB): 5 MB is a detailed map; a 50 MB one took 3.4 GB to print. */
    figure: 5 * 1024 * 1024,
    /** A style sheet (largest 11 KB): 1 MB is a whole CSS framework. */
    styleSheet: 1024 * 1024,
    /** A YAML or JSON source: book.yaml, a data file, a chart spec, the theme (largest 3.2 KB). */
    data: 1024 * 1024,
    /** The survey tool's CSV export (fixtures 0.6 KB): 50 MB is some 100,000 answers to 50 questions. */
    surveyExport: 50 * 1024 * 1024,
    /** Any other file the build reads from the project. */
    other: 50 * 1024 * 1024,
    /** An output folder's `.ptr-outputs.json` (9 KB for the report): a list of files and hashes. */
    outputManifest: 16 * 1024 * 1024,
    /** One entry of `.cache/` (largest, a cover image, some 2 MB): a larger one is taken as damaged. */
    cacheEntry: 256 * 1024 * 1024,
  },
} as const;
