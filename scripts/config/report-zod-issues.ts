import type { ZodIssue } from 'zod';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { YamlSource } from './yaml-source.js';

/** Turns schema violations into positioned diagnostics in the YAML they came from. */
export function reportZodIssues(issues: readonly ZodIssue[], source: YamlSource, diagnostics: DiagnosticList, hint?: string): void {
  for (const issue of issues) {
    const { line, column } = source.positionOf(issue.path);
    const field = `\`${issue.path.join('.')}\``;
    // zod says only "Required": say which field is missing, since its position is its parent's.
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined' && issue.path.length > 0;
    const message = missing ? `the required field ${field} is missing` : `${issue.path.length > 0 ? `${field}: ` : ''}${issue.message}`;
    diagnostics.error(source.path, line, column, message, hint, 'schema');
  }
}
