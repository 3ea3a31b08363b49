import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import { loadCompiledValidator } from './compiled-validator.js';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { parseYamlSource } from '../config/yaml-source.js';

/** Checks a spec's text against the schema; reports at the offending node and says whether it is valid. */
export type VegaLiteValidator = (text: string, path: string, diagnostics: DiagnosticList) => boolean;

const SCHEMA = 'vega-lite/vega-lite-schema.json';
const SCHEMA_FILE = 'node_modules/vega-lite/build/vega-lite-schema.json';

/**
 * Validates specs against the JSON schema that ships with the installed vega-lite (the same
 * version that compiles them). Compiling that schema takes over a second, so the compiled
 * validator is kept as code next to the installed packages (see compiled-validator.ts) and
 * the caller keeps one validator for a whole build or dev session.
 */
export async function createVegaLiteValidator(): Promise<VegaLiteValidator> {
  const validate = await loadCompiledValidator(createRequire(import.meta.url).resolve(SCHEMA));
  return (text, file, diagnostics) => {
    let spec: unknown;
    try {
      spec = JSON.parse(text);
    } catch {
      return true; // JSON syntax is reported by loadChartSpec, with its position.
    }
    if (validate(spec)) return true;
    const { pointer, message, schemaPath } = explain(validate.errors ?? []);
    const at = positionOfPointer(text, pointer);
    diagnostics.error(file, at.line, at.column, `not valid Vega-Lite: ${pointer || '(the spec)'} ${message}`,
      `checked against ${SCHEMA_FILE} at ${schemaPath}; see the Vega-Lite documentation for this property`, 'chart-schema');
    return false;
  };
}

/**
 * A top-level spec is a wide `anyOf`, so one mistake fails every branch. The deepest place
 * that failed is the author's mistake; at that place, an unknown property is the one every
 * branch rejected, and a wrong value is best told with all the values any branch allows.
 */
function explain(errors: readonly ErrorObject[]): { pointer: string; message: string; schemaPath: string } {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((e) => depth(e) === deepest);
  const pointer = here[0]!.instancePath;
  const unknown = here.filter((e) => e.keyword === 'additionalProperties');
  if (unknown.length > 0) {
    const counts = new Map<string, number>();
    for (const e of unknown) {
      const p = String(e.params.additionalProperty);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const [property] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const e = unknown.find((x) => x.params.additionalProperty === property)!;
    return { pointer: `${pointer}/${property}`, message: `is not a property Vega-Lite knows here`, schemaPath: e.schemaPath };
  }
  const choices = here.filter((e) => e.keyword === 'enum' || e.keyword === 'const');
  if (choices.length > 0) {
    const allowed = [...new Set(choices.flatMap((e) => (e.keyword === 'enum' ? e.params.allowedValues as unknown[] : [e.params.allowedValue])))];
    const main = choices.find((e) => e.keyword === 'enum') ?? choices[0]!;
    const types = [...new Set(here.filter((e) => e.keyword === 'type').map((e) => `a ${String(e.params.type)}`))];
    const values = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    return { pointer, message: `must be ${[...types, values].join(' or ')}`, schemaPath: main.schemaPath };
  }
  return { pointer, message: here[0]!.message ?? 'is not valid', schemaPath: here[0]!.schemaPath };
}

/** Line and column of the node at a JSON pointer (JSON is YAML, whose parser keeps positions). */
function positionOfPointer(text: string, pointer: string): { line: number; column: number } {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const source = parseYamlSource(text, '', new DiagnosticList());
  return source?.positionOf(keys) ?? { line: 1, column: 1 };
}
