import type { Element, } from 'xast';
import { LIMITS } from '../config/limits.js';
import type { SvgFinding } from './sanitize-svg.js';

export const LIMITS_HINT = 'simplify the drawing (flatten its groups, draw repeated shapes once per use) or export it again as plain SVG';

/** The refusals of a figure too deep or too large, whether the scan or the tree finds it. */
const DEPTH_MESSAGE = `the figure nests its elements more than ${LIMITS.svgDepth} levels deep: the figure is refused`;
const COUNT_MESSAGE = `the figure has more than ${LIMITS.svgElements.toLocaleString('en')} elements: the figure is refused`;

/**
 * The size of what a figure makes the browser draw, checked before anything walks the tree
 * recursively (the sanitizer, the serializer, Chromium's layout): its nesting depth, its element
 * count, and what its `<use>` elements expand to (each `<use>` draws a copy of its target, so
 * uses of uses multiply: a few kB can ask for billions of elements). Every walk here keeps its own
 * stack: a 2,000-deep group overflowed the call stack. Returns the first finding of each kind.
 */
export function svgLimitFindings(root: Element): SvgFinding[] {
  const sized = sizeOf(root);
  if (sized.finding) return [sized.finding];
  return useFindings(sized.elements);
}

/**
 * Where the markup of `text` first opens an element deeper than LIMITS.svgDepth, or more
 * elements than LIMITS.svgElements, by a scan of its tags, run before the XML parser (which
 * recurses once per level: 100,000 nested groups overflowed its stack, and the error named no
 * place; and builds every element of a 50 MB drawing before any is counted). Comments, CDATA, processing instructions
 * and declarations are skipped, and quoted attribute values; the parsed tree is checked exactly
 * afterwards (sizeOf), so this only needs to find what is surely too deep.
 */
export function scanSvgMarkup(text: string): { line: number; column: number; message: string } | undefined {
  let depth = 0;
  let elements = 0;
  let line = 1;
  let lineStart = 0;
  const skipTo = (from: number, end: string) => {
    const at = text.indexOf(end, from);
    return at < 0 ? text.length : at + end.length;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line += 1;
      lineStart = i + 1;
      continue;
    }
    if (c !== '<') continue;
    const start = i;
    if (text.startsWith('<!--', i)) i = skipTo(i, '-->') - 1;
    else if (text.startsWith('<![CDATA[', i)) i = skipTo(i, ']]>') - 1;
    else if (text.startsWith('<?', i)) i = skipTo(i, '?>') - 1;
    else if (text[i + 1] === '!') i = skipTo(i, '>') - 1;
    else {
      // A tag: to its `>`, outside quoted values.
      let quote: string | undefined;
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j];
        if (quote) {
          if (d === quote) quote = undefined;
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '>') break;
      }
      if (text[i + 1] === '/') depth -= 1;
      else if (text[j - 1] !== '/') {
        depth += 1;
        if (depth > LIMITS.svgDepth) return { line, column: start - lineStart + 1, message: DEPTH_MESSAGE };
      }
      if (text[i + 1] !== '/' && ++elements > LIMITS.svgElements) return { line, column: start - lineStart + 1, message: COUNT_MESSAGE };
      i = j;
    }
    // Lines inside what was skipped.
    for (let k = text.indexOf('\n', start); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) {
      line += 1;
      lineStart = k + 1;
    }
  }
  return undefined;
}


function finding(node: Element, message: string, hint = LIMITS_HINT): SvgFinding {
  const at = node.position?.start ?? { line: 1, column: 1 };
  return { line: at.line, column: at.column, severity: 'error', message, hint };
}

/** Depth and count, in document order; stops at the first element past either bound. */
function sizeOf(root: Element): { elements: Element[]; finding?: SvgFinding } {
  const elements: Element[] = [];
  const stack: Array<{ node: Element; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > LIMITS.svgDepth) {
      return { elements, finding: finding(node, DEPTH_MESSAGE) };
    }
    elements.push(node);
    if (elements.length > LIMITS.svgElements) {
      return { elements, finding: finding(node, COUNT_MESSAGE) };
    }
    const children = node.children.filter((c): c is Element => c.type === 'element');
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
  }
  return { elements };
}

/** The `#id` a `<use>` copies, if it names one. */
function useTarget(node: Element): string | undefined {
  if (node.name !== 'use') return undefined;
  const href = node.attributes.href ?? node.attributes['xlink:href'];
  return typeof href === 'string' && href.startsWith('#') ? href.slice(1) : undefined;
}

interface Drawn {
  /** Elements drawn for this element and its subtree, uses expanded; capped just past the bound. */
  readonly count: number;
  /** Uses nested inside what this element draws (a `<use>` of a plain shape: 1). */
  readonly useDepth: number;
}

/**
 * What each element draws once its uses are expanded, computed bottom-up over the graph whose
 * edges are "contains" and "uses", with an explicit stack (post-order). An edge back to an
 * element still being computed is a cycle: a `<use>` of its own ancestor, or uses that lead back.
 */
function useFindings(elements: readonly Element[]): SvgFinding[] {
  if (!elements.some((e) => useTarget(e) !== undefined)) return [];
  const byId = new Map<string, Element>();
  for (const e of elements) {
    const id = e.attributes.id;
    // As in the browser, the first element of an id is the one a reference finds.
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, e);
  }
  const edges = (node: Element): Element[] => {
    const out = node.children.filter((c): c is Element => c.type === 'element');
    const target = useTarget(node);
    const found = target === undefined ? undefined : byId.get(target);
    if (found) out.push(found);
    return out;
  };
  const done = new Map<Element, Drawn>();
  const open = new Set<Element>();
  const cap = LIMITS.svgDrawnElements + 1;
  const stack: Array<{ node: Element; next: Element[] }> = [];
  const root = elements[0]!;
  open.add(root);
  stack.push({ node: root, next: edges(root) });
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.next.shift();
    if (child !== undefined) {
      if (done.has(child)) continue;
      if (open.has(child)) {
        // The elements from `child` up to here form the cycle; at least one of them is a <use>.
        const cycle = stack.slice(stack.findIndex((s) => s.node === child)).map((s) => s.node);
        const use = [...cycle].reverse().find((e) => useTarget(e) !== undefined) ?? top.node;
        return [finding(use, 'a <use> copies an element that contains it (its uses lead back to it): the figure is refused', 'a <use> may copy only an element outside it, and that element may not copy it back')];
      }
      open.add(child);
      stack.push({ node: child, next: edges(child) });
      continue;
    }
    stack.pop();
    open.delete(top.node);
    const parts = edges(top.node).map((e) => done.get(e)!);
    const isUse = useTarget(top.node) !== undefined;
    const useDepth = parts.reduce((deepest, p) => Math.max(deepest, p.useDepth), 0) + (isUse ? 1 : 0);
    const count = Math.min(cap, 1 + parts.reduce((sum, p) => sum + p.count, 0));
    if (useDepth > LIMITS.svgUseDepth) {
      return [finding(top.node, `<use> elements nest more than ${LIMITS.svgUseDepth} levels deep (a <use> of a group holding a <use> of …): the figure is refused`)];
    }
    if (count >= cap) {
      return [finding(top.node, `its <use> elements make the figure draw more than ${LIMITS.svgDrawnElements.toLocaleString('en')} elements: the figure is refused`)];
    }
    done.set(top.node, { count, useDepth });
  }
  return [];
}
