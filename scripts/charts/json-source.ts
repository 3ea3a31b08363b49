import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { location } from 'vfile-location';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { jsonSyntaxError } from './json-syntax.js';

/**
 * Whether a JSON file (the chart theme, a chart spec) is JSON, with every problem at its line and
 * column: its syntax (JSON.parse says what, json-syntax.ts says where), and no key written twice
 * in one object (JSON.parse silently keeps the last; the author meant one of them).
 */
export function checkJsonSyntax(text: string, path: string, diagnostics: DiagnosticList, ruleId: string): boolean {
  try {
    JSON.parse(text);
  } catch (e) {
    const broken = jsonSyntaxError(text);
    const at = (broken && location(text).toPoint(broken.offset)) || { line: 1, column: 1 };
    diagnostics.error(path, at.line, at.column, `invalid JSON: ${broken?.message ?? (e as Error).message}`, 'check the commas, quotes and braces here (JSON takes no comments and no trailing commas)', ruleId);
    return false;
  }
  return true;
}

/** Each key written twice in one object, at the second; JSON is YAML, whose parser keeps positions. */
export function checkUniqueKeys(text: string, path: string, diagnostics: DiagnosticList, ruleId: string): boolean {
  const place = location(text);
  let unique = true;
  visit(parseDocument(text, { uniqueKeys: false }), {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const at = place.toPoint(pair.key.range?.[0] ?? 0) ?? { line: 1, column: 1 };
          diagnostics.error(path, at.line, at.column, `the key "${key}" is written twice in one object`, 'keep one of them: JSON readers take the last and drop the first silently', ruleId);
          unique = false;
        }
        seen.add(key);
      }
    },
  });
  return unique;
}
