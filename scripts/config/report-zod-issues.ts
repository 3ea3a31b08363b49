import type { ZodIssue } from 'zod';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import type { YamlSource } from './yaml-source.js';

/** Turns schema violations into positioned diagnostics in the YAML they came from. */
export function reportZodIssues(issues: readonly ZodIssue[], source: YamlSource, diagnostics: DiagnosticList, hint?: string): void {
  for (const issue of issues) {
    const { line, column } = source.positionOf(issue.path);
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : '';
    diagnostics.error(source.path, line, column, `${where}${issue.message}`, hint, 'schema');
  }
}
