/**
 * Bytes of one file, by kind, that the build reads (diagnostics/project-files.ts), checked on the
 * open file before it is read. Part of LIMITS (config/limits.ts), kept here because the readers
 * of the base layer (the source reader, the cache, the output manifest) import nothing above it.
 * The report's largest of each kind is in the comment.
 */
export const FILE_BYTES = {
  /** One chapter's Markdown (largest 43 KB): 1.9 MB of prose printed 749 pages (web 21 s, PDF 28 s). */
  chapter: 2 * 1024 * 1024,
  /** One SVG figure (largest 3.5 KB): a 4.7 MB one printed in 14 s; a 50 MB one took 3.4 GB and 113 s. */
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
  /** One entry of `.cache/` (the report's largest, a compiled chapter, 320 KB): a larger one is taken as damaged. */
  cacheEntry: 256 * 1024 * 1024,
} as const;
