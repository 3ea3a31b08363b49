import { LineCounter, parseDocument, isAlias, isMap, isSeq, isScalar, visit, type Document, type Node } from 'yaml';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { checkYamlScalars } from './check-source-characters.js';

/**
 * A YAML text parsed with positions kept, so a schema problem at `authors.0.name`
 * can be reported at its line and column in the author's file.
 */
export interface YamlSource {
  readonly path: string;
  readonly doc: Document;
  readonly value: unknown;
  /** Line/column (1-based) of the node at a path; falls back to the closest parent. */
  positionOf(path: readonly (string | number)[]): { line: number; column: number };
  /** The raw text of a scalar at a path, as the author typed it (e.g. `40.0`). */
  rawScalar(path: readonly (string | number)[]): string | undefined;
}

/**
 * Parses YAML. Syntax errors go to `diagnostics` with their position; `lineOffset` shifts
 * positions for YAML embedded in a larger file (front matter starts on line 2).
 */
export function parseYamlSource(
  text: string,
  path: string,
  diagnostics: DiagnosticList,
  lineOffset = 0,
): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  for (const e of doc.errors) {
    const p = at(e.pos[0]);
    diagnostics.error(path, p.line, p.column, `invalid YAML: ${e.message.split('\n')[0]}`, 'check the indentation, colons and quotes on this line', 'yaml');
  }
  if (doc.errors.length > 0) return undefined;
  if (!checkYamlScalars(doc, path, diagnostics, at)) return undefined;
  const value = expand(doc);
  if (value === EXCESSIVE_ALIASES) {
    const p = at(firstAliasOffset(doc));
    diagnostics.error(path, p.line, p.column, `too many YAML aliases: more than ${MAX_ALIAS_COUNT} expansions (an "alias bomb")`,
      'write the values out instead of nesting anchors and aliases (*name) inside each other', 'yaml-aliases');
    return undefined;
  }

  const nodeAt = (keys: readonly (string | number)[]): Node | undefined => {
    let node: unknown = doc.contents;
    let last: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (const key of keys) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) break;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else break;
      if (node && typeof node === 'object' && 'range' in node) last = node as Node;
    }
    return last;
  };

  return {
    path,
    doc,
    value,
    positionOf(keys) {
      const node = nodeAt(keys);
      return node?.range ? at(node.range[0]) : { line: 1 + lineOffset, column: 1 };
    },
    rawScalar(keys) {
      const node = nodeAt(keys);
      if (!node || !isScalar(node) || !node.range) return undefined;
      return text.slice(node.range[0], node.range[1]).trim();
    },
  };
}

/**
 * Aliases a document may expand: a few nested anchors (`a: [*b, *b, …]`, `b: [*c, *c, …]`) would
 * otherwise grow exponentially into gigabytes. The yaml package stops at this count and throws.
 */
const MAX_ALIAS_COUNT = 100;
const EXCESSIVE_ALIASES = Symbol('excessive aliases');

function expand(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) return EXCESSIVE_ALIASES;
    throw e;
  }
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}
