/**
 * A PDF content stream read as a list of operations (ISO 32000-1, 7.8.2): each operator with
 * its operands' source text and its byte range, so that a later step can read the drawing
 * (page-geometry.ts) or wrap parts of it in marked content (mark-artifacts.ts) without
 * re-encoding what it does not change. Chromium (Skia) writes no inline images; one is an error.
 */
export interface ContentOperation {
  readonly operator: string;
  /** Byte offset of the first operand (or of the operator when there is none). */
  readonly start: number;
  /** Byte offset of the operator: the operands are the source text before it. */
  readonly at: number;
  /** Byte offset just after the operator. */
  readonly end: number;
}

export interface ContentStream {
  /** The stream as latin1 text: one character per byte, so offsets are byte offsets. */
  readonly text: string;
  readonly ops: ContentOperation[];
}

/** The operands' source text of an operation (numbers, names, strings, arrays, dictionaries). */
export function operandText(stream: ContentStream, op: ContentOperation): string {
  return stream.text.slice(op.start, op.at);
}

/** Numeric operands, for operators that take only numbers (cm, Tm, Td, re, m, l, c...). */
export function numbers(stream: ContentStream, op: ContentOperation): number[] {
  return operandText(stream, op).trim().split(/\s+/).map(Number);
}

/** 1: white space, 2: delimiter (ISO 32000-1, 7.2.2). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

export function parseContentStream(bytes: Uint8Array): ContentStream {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ops: ContentOperation[] = [];
  let start = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (CLASS[c] === 1) { i++; continue; }
    if (c === 0x25) { while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++; continue; }
    const from = i;
    i = skipObject(text, i);
    if (i === from) throw new Error(`content stream: unexpected byte ${c} at ${from}`);
    if (start < 0) start = from;
    if (CLASS[c] === 2 || isNumberStart(c)) continue;
    const token = text.slice(from, i);
    if (token === 'true' || token === 'false' || token === 'null') continue;
    if (token === 'BI') throw new Error('content stream: inline images are not expected in a Chromium PDF');
    ops.push({ operator: token, start, at: from, end: i });
    start = -1;
  }
  return { text, ops };
}

function isNumberStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** The offset just after the object or operator starting at `i`. */
function skipObject(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x28) { // ( literal string, balanced parentheses, backslash escapes
    let depth = 0;
    for (; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === 0x5c) { i++; continue; }
      if (d === 0x28) depth++;
      else if (d === 0x29 && --depth === 0) return i + 1;
    }
    return i;
  }
  if (c === 0x3c && t.charCodeAt(i + 1) === 0x3c) return skipNested(t, i, 0x3e, 2);
  if (c === 0x3c) { const end = t.indexOf('>', i); return end < 0 ? t.length : end + 1; }
  if (c === 0x5b) return skipNested(t, i, 0x5d, 1);
  if (c === 0x2f) i++;
  while (i < t.length && CLASS[t.charCodeAt(i)] === 0) i++;
  return i;
}

/** Arrays and dictionaries, which may hold strings with brackets in them. */
function skipNested(t: string, i: number, close: number, width: 1 | 2): number {
  i += width;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (CLASS[c] === 1) { i++; continue; }
    if (c === close && (width === 1 || t.charCodeAt(i + 1) === close)) return i + width;
    const next = skipObject(t, i);
    i = next === i ? i + 1 : next;
  }
  return i;
}
