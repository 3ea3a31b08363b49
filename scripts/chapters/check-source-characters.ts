import { LIMITS } from '../config/limits.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { bidiControl, describeCharacter, findCharacters, isForbiddenCharacter, lineColumn, type FoundCharacter } from './source-characters.js';

/**
 * Refuses the characters no output may carry anywhere in a chapter file (front matter and text),
 * at their line and column, before the Markdown parser sees them (it would publish NUL as U+FFFD).
 * Returns whether the text is clean.
 */
export function checkForbiddenCharacters(text: string, path: string, diagnostics: DiagnosticList): boolean {
  const found = findCharacters(text, isForbiddenCharacter);
  report(found, text, path, diagnostics, (c) => ({
    message: `${describeCharacter(c.codePoint)} is a control character no edition may carry`,
    hint: 'delete it (most editors do not show it; it often comes from a copy-paste): tab, line feed and carriage return are the only control characters a source may hold',
    ruleId: 'forbidden-character',
  }));
  return found.length === 0;
}

/**
 * Front matter holds titles, names and labels: the contents, the running heads, the ePub's
 * metadata. A bidi embedding, override or isolate there makes a title read differently from what
 * it is; a right-to-left word shows in its own direction without one. Marks (U+200E, U+200F,
 * U+061C) reorder nothing but the weak characters beside them, and stay allowed.
 */
export function checkFrontMatterBidi(text: string, start: number, end: number, path: string, diagnostics: DiagnosticList): void {
  const found = findCharacters(text, (cp) => { const kind = bidiControl(cp); return kind !== undefined && kind !== 'mark'; }, start, end);
  report(found, text, path, diagnostics, (c) => ({
    message: `${describeCharacter(c.codePoint)} in the front matter: a bidirectional control makes a title or a name read differently from what it is`,
    hint: 'delete it: titles, names and labels may not hold bidi embeddings, overrides or isolates (right-to-left words show in their own direction without them)',
    ruleId: 'bidi-control',
  }));
}

function report(
  found: readonly FoundCharacter[], text: string, path: string, diagnostics: DiagnosticList,
  describe: (c: FoundCharacter) => { message: string; hint: string; ruleId: string },
): void {
  for (const c of found.slice(0, LIMITS.characterErrorsPerFile)) {
    const at = lineColumn(text, c.offset);
    const d = describe(c);
    diagnostics.error(path, at.line, at.column, d.message, d.hint, d.ruleId);
  }
  if (found.length > LIMITS.characterErrorsPerFile) {
    const at = lineColumn(text, found[LIMITS.characterErrorsPerFile]!.offset);
    const d = describe(found[LIMITS.characterErrorsPerFile]!);
    diagnostics.error(path, at.line, at.column, `${found.length - LIMITS.characterErrorsPerFile} more characters like these (${LIMITS.characterErrorsPerFile} are listed)`, 'find them with your editor\'s search for the code points above', d.ruleId);
  }
}
