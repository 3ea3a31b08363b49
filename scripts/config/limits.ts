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
} as const;
