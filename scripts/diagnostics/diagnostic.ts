import type { VFile } from 'vfile';
import { inertLineStarts, visibleText } from './visible-text.js';

/** One problem an author can act on, pointing at a place in a source file. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint?: string;
  readonly ruleId?: string;
}

/** Thrown by a stage when its input has author errors; carries every diagnostic found. */
export class BuildError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the sources`);
    this.name = 'BuildError';
  }
}

/** Collects diagnostics across a stage so one build reports all of them, not only the first. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  error(file: string, line: number, column: number, message: string, hint?: string, ruleId?: string): void {
    this.add({ file, line, column, severity: 'error', message, hint, ruleId });
  }

  warn(file: string, line: number, column: number, message: string, hint?: string, ruleId?: string): void {
    this.add({ file, line, column, severity: 'warning', message, hint, ruleId });
  }

  /**
   * Takes over the messages a unified pipeline left on a vfile (`file.message` / `file.fail`).
   * A message about another file (a figure's SVG) says so in its own `file`.
   */
  addVFile(file: VFile, path: string): void {
    for (const m of file.messages) {
      this.add({
        file: m.file && m.file !== file.path ? m.file : path,
        line: m.line ?? 1,
        column: m.column ?? 1,
        severity: m.fatal === true ? 'error' : 'warning',
        message: m.reason,
        hint: typeof m.note === 'string' ? m.note : undefined,
        ruleId: m.ruleId ?? undefined,
      });
    }
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  /** Stops the build when any error was collected. */
  throwIfErrors(): void {
    if (this.errors.length > 0) throw new BuildError(sortDiagnostics(this.items));
  }
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * `file:line:col: severity: message [rule]`, then `  hint: …`: exactly one line each, whatever
 * the author's text holds (visible-text.ts). The file name comes from book.yaml: a line it starts
 * cannot become a CI workflow command either.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const { where, message, hint } = diagnosticParts(d);
  const head = `${where} ${d.severity}: ${message}`;
  return hint === undefined ? head : `${head}\n  hint: ${hint}`;
}

/** The pieces of a formatted diagnostic, each shown as text: `where` is `file:line:col:`, `message` ends with ` [rule]`. */
export function diagnosticParts(d: Diagnostic): { where: string; message: string; hint?: string } {
  const rule = d.ruleId ? ` [${visibleText(d.ruleId)}]` : '';
  return {
    where: inertLineStarts(`${visibleText(d.file)}:${d.line}:${d.column}:`),
    message: `${visibleText(d.message)}${rule}`,
    ...(d.hint ? { hint: visibleText(d.hint) } : {}),
  };
}
