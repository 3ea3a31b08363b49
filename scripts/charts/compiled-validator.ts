import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { keepInToolCache, toolCachePath } from '../cache/tool-cache.js';
import { Ajv, type ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

// The CommonJS module's default export, however the ESM interop presents it.
const standaloneCode = ((standalone as unknown as { default?: unknown }).default ?? standalone) as (ajv: Ajv, v: ValidateFunction) => string;

const require = createRequire(import.meta.url);
const OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false } as const;

/**
 * The vega-lite schema compiled by ajv into a standalone module, kept under
 * node_modules/.cache/ (a tool cache like a compiler's, keyed by the schema and ajv's
 * version, so a new vega-lite or ajv compiles anew). Loading it takes a fraction of the
 * second that compiling the schema takes on every cold build.
 */
export async function loadCompiledValidator(schemaPath: string): Promise<ValidateFunction> {
  const schemaText = await readFile(schemaPath, 'utf8');
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const key = createHash('sha256').update(schemaText).update(ajvVersion).digest('hex').slice(0, 16);
  const file = toolCachePath(`vega-lite-validator-${key}.cjs`);
  if (!existsSync(file)) {
    const ajv = new Ajv({ ...OPTIONS, code: { source: true } });
    const validate = ajv.compile(JSON.parse(schemaText) as object);
    await keepInToolCache(file, standaloneCode(ajv, validate));
    return validate;
  }
  return require(file) as ValidateFunction;
}
