import { h } from 'hastscript';
import type { Element } from 'hast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readProjectFileSync } from '../diagnostics/project-files.js';

export const OVERLAY_ID = 'ptr-dev-overlay';

/** Kept apart from the book's styles: the overlay must read the same over any page. */
const OVERLAY_CSS = `
#${OVERLAY_ID} { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; background: rgb(20 24 33 / 0.94); color: #f3f4f6; font: 14px/1.5 ui-monospace, "JetBrains Mono", monospace; padding: 2rem; }
#${OVERLAY_ID} h2 { font-size: 1.2rem; color: #fca5a5; margin: 0 0 0.5rem; }
#${OVERLAY_ID} .ptr-intro { color: #9ca3af; margin: 0 0 1.5rem; }
#${OVERLAY_ID} section { border-left: 3px solid #f87171; padding: 0.5rem 1rem; margin: 0 0 1.25rem; background: rgb(255 255 255 / 0.04); }
#${OVERLAY_ID} section.warning { border-color: #fbbf24; }
#${OVERLAY_ID} .ptr-where { color: #93c5fd; margin: 0; }
#${OVERLAY_ID} .ptr-message { margin: 0.25rem 0; font-weight: 700; }
#${OVERLAY_ID} pre { margin: 0.5rem 0; padding: 0.5rem; background: #0b0e14; color: #e5e7eb; overflow-x: auto; }
#${OVERLAY_ID} .ptr-hint { color: #a7f3d0; margin: 0.25rem 0 0; }`;

/**
 * The error page of the dev server, laid over the last good page: each problem with its
 * file:line:col, the message, the source line with a caret under the column, and the hint.
 */
export function overlayElement(root: string, diagnostics: readonly Diagnostic[], crash?: string): Element {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const title = crash ? 'The build crashed' : `The build failed: ${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return h(`div#${OVERLAY_ID}`, { role: 'alertdialog', ariaLabel: title, ariaModal: 'true' }, [
    h('style', OVERLAY_CSS),
    h('h2', title),
    h('p.ptr-intro', 'Below is the last good build. Fix the sources and save: this page reloads by itself.'),
    ...(crash ? [h('pre', crash)] : []),
    ...diagnostics.map((d) => h(`section.${d.severity}`, [
      h('p.ptr-where', `${d.file}:${d.line}:${d.column}: ${d.severity}${d.ruleId ? ` [${d.ruleId}]` : ''}`),
      h('p.ptr-message', d.message),
      ...sourceExcerpt(root, d),
      ...(d.hint ? [h('p.ptr-hint', `hint: ${d.hint}`)] : []),
    ])),
  ]);
}

function sourceExcerpt(root: string, d: Diagnostic): Element[] {
  let text: string;
  // Through the source reader: a diagnostic may name a FIFO or a link out of the project.
  try {
    text = readProjectFileSync(root, d.file);
  } catch {
    return [];
  }
  const lines = text.split(/\r?\n/);
  const line = lines[d.line - 1];
  if (line === undefined) return [];
  const number = String(d.line);
  const gutter = ' '.repeat(number.length);
  return [h('pre.ptr-source', `${number} | ${line}\n${gutter} | ${' '.repeat(Math.max(0, d.column - 1))}^`)];
}
