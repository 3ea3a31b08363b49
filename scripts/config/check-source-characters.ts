import { isScalar, visit, type Document } from 'yaml';
import { LIMITS } from './limits.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { bidiControl, describeCharacter, findCharacters, isForbiddenCharacter, lineColumn, type FoundCharacter } from './source-characters.js';

/**
 * Refuses the characters no output may carry anywhere in a chapter file (front matter and text),
 * at their line and column, before the Markdown parser sees them (it would publish NUL as U+FFFD).
 * Returns whether the text is clean.
 */
export function checkForbiddenCharacters(text: string, path: string, diagnostics: DiagnosticList): boolean {
  const found = findCharacters(text, isForbiddenCharacter);
  report(found, (offset) => lineColumn(text, offset), path, diagnostics, (c) => forbidden(c.codePoint));
  return found.length === 0;
}

/**
 * The same for a YAML source (book.yaml, front matter, survey data, the chart theme), on the
 * values it gives: a character typed or written as an escape (`"\e"`, `"\0"`, `"\x0b"` in a
 * double-quoted string) is refused at the start of its scalar. Returns whether all are clean.
 */
export function checkYamlScalars(doc: Document, path: string, diagnostics: DiagnosticList, at: (offset: number) => { line: number; column: number }): boolean {
  let refused = 0;
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const found = [...new Set(findCharacters(node.value, isForbiddenCharacter).map((c) => c.codePoint))];
      if (found.length === 0) return;
      if (refused++ >= LIMITS.characterErrorsPerFile) return;
      const place = at(node.range?.[0] ?? 0);
      const { hint, ruleId } = forbidden(found[0]!);
      const named = found.map(describeCharacter).join(', ');
      diagnostics.error(path, place.line, place.column, `this value holds ${named}: ${found.length === 1 ? 'a control character' : 'control characters'} no edition may carry`, hint, ruleId);
    },
  });
  if (refused > LIMITS.characterErrorsPerFile) {
    diagnostics.error(path, 1, 1, `${refused - LIMITS.characterErrorsPerFile} more values like these (${LIMITS.characterErrorsPerFile} are listed)`, 'find them with your editor\'s search for the code points above', 'forbidden-character');
  }
  return refused === 0;
}

function forbidden(cp: number): { message: string; hint: string; ruleId: string } {
  return {
    message: `${describeCharacter(cp)} is a control character no edition may carry`,
    hint: 'delete it (most editors do not show it; it often comes from a copy-paste): tab, line feed and carriage return are the only control characters a source may hold',
    ruleId: 'forbidden-character',
  };
}

/**
 * Front matter holds titles, names and labels: the contents, the running heads, the ePub's
 * metadata. A bidi embedding, override or isolate there makes a title read differently from what
 * it is; a right-to-left word shows in its own direction without one. Marks (U+200E, U+200F,
 * U+061C) reorder nothing but the weak characters beside them, and stay allowed.
 */
export function checkFrontMatterBidi(text: string, start: number, end: number, path: string, diagnostics: DiagnosticList): void {
  const found = findCharacters(text, (cp) => { const kind = bidiControl(cp); return kind !== undefined && kind !== 'mark'; }, start, end);
  report(found, (offset) => lineColumn(text, offset), path, diagnostics, (c) => ({
    message: `${describeCharacter(c.codePoint)} in the front matter: a bidirectional control makes a title or a name read differently from what it is`,
    hint: 'delete it: titles, names and labels may not hold bidi embeddings, overrides or isolates (right-to-left words show in their own direction without them)',
    ruleId: 'bidi-control',
  }));
}

function report(
  found: readonly FoundCharacter[], place: (offset: number) => { line: number; column: number }, path: string, diagnostics: DiagnosticList,
  describe: (c: FoundCharacter) => { message: string; hint: string; ruleId: string },
): void {
  for (const c of found.slice(0, LIMITS.characterErrorsPerFile)) {
    const at = place(c.offset);
    const d = describe(c);
    diagnostics.error(path, at.line, at.column, d.message, d.hint, d.ruleId);
  }
  if (found.length > LIMITS.characterErrorsPerFile) {
    const at = place(found[LIMITS.characterErrorsPerFile]!.offset);
    const d = describe(found[LIMITS.characterErrorsPerFile]!);
    diagnostics.error(path, at.line, at.column, `${found.length - LIMITS.characterErrorsPerFile} more characters like these (${LIMITS.characterErrorsPerFile} are listed)`, 'find them with your editor\'s search for the code points above', d.ruleId);
  }
}
