import type { VFile } from 'vfile';
import type { FigureFinding } from './figure-assets.js';

/**
 * Puts what the SVG check found on the chapter's vfile, placed in the figure's own file (the
 * message's `file`), so the author is sent to the line of the SVG that was removed or refused.
 */
export function reportFigureFindings(file: VFile, findings: readonly FigureFinding[]): void {
  for (const f of findings) {
    const m = file.message(f.message, { place: { line: f.line, column: f.column }, ruleId: 'figure-svg', source: 'ptr' });
    m.file = f.file;
    m.fatal = f.severity === 'error';
    m.note = f.hint;
  }
}
