import type { Nodes, Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';

/** Containers (block quotes, lists, directives) a chapter may nest: far more than prose needs. */
export const MAX_NESTING = 32;
/**
 * The line scan below over-counts (it reads indentation as list levels), so it stops only what
 * is surely past the limit; the tree check then gives the exact place. Markdown parsing slows
 * down quadratically with nesting (1000 nested lists: 90 s) and later stages recurse over the
 * tree (a RangeError with no file), so a chapter this deep is refused before it is parsed.
 */
const SCAN_LIMIT = 2 * MAX_NESTING;

type Place = { line: number; column: number };

/**
 * Refuses chapters whose block quotes or lists nest deeper than MAX_NESTING, with the place
 * where the limit is crossed: once before parsing (a cheap scan of the line prefixes, wrapping
 * the parser) and once on the tree (exact depth).
 */
export default function remarkNestingLimit(this: Processor) {
  const parse = this.parser;
  if (parse) {
    this.parser = (document: string, file: VFile) => {
      const deep = scanNesting(document);
      if (deep) refuse(file, deep, `more than ${MAX_NESTING} levels`);
      return parse(document, file);
    };
  }
  return (tree: Root, file: VFile) => {
    const deep = deepestContainer(tree);
    if (deep) refuse(file, deep.place, `${deep.depth} levels`);
  };
}

function refuse(file: VFile, place: Place, depth: string): void {
  const m = file.message(`block quotes or lists nested too deeply (${depth}; at most ${MAX_NESTING})`, { place, ruleId: 'nesting', source: 'ptr' });
  m.fatal = true;
  m.note = 'flatten the structure: prose never needs this many nested quotes or lists';
  throw m;
}

/** The first container deeper than MAX_NESTING, found without recursion (the tree may be deep). */
function deepestContainer(tree: Root): { place: Place; depth: number } | undefined {
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: outer } = stack.pop()!;
    const depth = outer + (isContainer(node) ? 1 : 0);
    if (depth > MAX_NESTING) return { place: node.position?.start ?? { line: 1, column: 1 }, depth };
    if ('children' in node) for (const child of node.children) stack.push({ node: child as Nodes, depth });
  }
  return undefined;
}

function isContainer(node: Nodes): boolean {
  return node.type === 'blockquote' || node.type === 'list' || node.type === 'containerDirective';
}

/**
 * An upper bound of each line's container depth: its `>` and list markers, plus its indentation
 * read as list levels (a nested list item is indented by at least two columns). Lines inside
 * fenced code are skipped. Returns where the bound first passes SCAN_LIMIT.
 */
export function scanNesting(text: string): Place | undefined {
  let fence: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let col = 0;
    let indent = 0;
    let markers = 0;
    let at = 0;
    for (;;) {
      const c = line[at];
      if (c === ' ' || c === '\t') {
        indent += c === '\t' ? 4 : 1;
        at += 1;
      } else if (c === '>') {
        markers += 1;
        at += 1;
      } else {
        const marker = listMarkerLength(line, at);
        if (marker === 0) break;
        markers += 1;
        at += marker;
      }
      col = at;
      if (markers > 0 && markers + Math.floor(indent / 2) > SCAN_LIMIT && !fence) return { line: i + 1, column: col + 1 };
    }
    const rest = line.slice(at);
    const opens = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence && rest.startsWith(fence) && rest.slice(fence.length).trim() === '') fence = undefined;
    else if (!fence && opens) fence = opens;
  }
  return undefined;
}

/** Length of a list marker with its space (`- `, `* `, `+ `, `12. `, `3) `) at `at`, else 0. */
function listMarkerLength(line: string, at: number): number {
  const c = line[at];
  if ((c === '-' || c === '*' || c === '+') && (line[at + 1] === ' ' || line[at + 1] === '\t')) return 2;
  let end = at;
  while (end < line.length && end - at < 9 && line[end]! >= '0' && line[end]! <= '9') end += 1;
  if (end > at && (line[end] === '.' || line[end] === ')') && (line[end + 1] === ' ' || line[end + 1] === '\t')) return end - at + 2;
  return 0;
}
