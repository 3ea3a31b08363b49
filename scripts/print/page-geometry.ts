import { PDFArray, type PDFPage, PDFRawStream } from 'pdf-lib';
import { decodedBytes } from './flate.js';
import { numbers, operandText, parseContentStream, type ContentStream } from './content-stream.js';

/** What one marked-content sequence drew on a page, in PDF points from the page's bottom. */
export interface MarkedExtent {
  /** Its MCID; undefined for content outside any tagged sequence. */
  readonly mcid?: number;
  readonly artifact: boolean;
  top: number;
  bottom: number;
  /** Baselines of its text, rounded to a tenth of a point. */
  readonly baselines: Set<number>;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/** The operators whose numeric operands are read. */
const MEASURED = new Set(['cm', 'Tm', 'Td', 'TD', 'TL', 'Tf', 'm', 'l', 'c', 'v', 'y', 're']);

const yOf = (m: Matrix, x: number, y: number) => m[1] * x + m[3] * y + m[5];

export function pageContentBytes(page: PDFPage): Uint8Array[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  return streams.filter((s): s is PDFRawStream => s instanceof PDFRawStream).map((s) => decodedBytes(s));
}

/**
 * The vertical extent of everything a page draws, grouped by marked-content sequence. Only
 * what the preflight needs is followed: the transformation matrices, text positions and the
 * points of painted paths and images (clipping is ignored, extents are cut to the page).
 */
export function pageGeometry(page: PDFPage, parsed?: readonly ContentStream[]): MarkedExtent[] {
  return measure(parsed ?? parsedContent(page), page.getHeight());
}

/** A page's content streams, parsed: read once, shared by the preflight and the artifact marking. */
export function parsedContent(page: PDFPage): ContentStream[] {
  return pageContentBytes(page).map((b) => parseContentStream(b));
}

/** A text object (BT … ET) of a content stream: its byte range, whether it is inside marked content, and its baselines (points from the page's bottom). */
export interface TextObject {
  readonly stream: number;
  readonly start: number;
  readonly end: number;
  readonly marked: boolean;
  readonly baselines: number[];
}

/**
 * `textObjects`, when given, collects every text object with its place: what the running
 * heads' removal (opener-heads.ts) needs to find a margin box's text.
 */
export function measure(streams: readonly ContentStream[], height: number, textObjects?: TextObject[]): MarkedExtent[] {
  const extents: MarkedExtent[] = [];
  const byMcid = new Map<number, MarkedExtent>();
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let fontSize = 0;
  let path: number[] = [];
  const marks: Array<{ mcid?: number; artifact: boolean }> = [];
  let loose: MarkedExtent | undefined;
  let text: { start: number; marked: boolean; baselines: number[] } | undefined;

  const owner = (): MarkedExtent => {
    const artifact = marks.some((m) => m.artifact);
    let mcid: number | undefined;
    for (let i = marks.length - 1; i >= 0 && mcid === undefined; i--) mcid = marks[i]!.mcid;
    if (mcid !== undefined && !artifact) {
      let e = byMcid.get(mcid);
      if (!e) {
        byMcid.set(mcid, (e = { mcid, artifact, top: -Infinity, bottom: Infinity, baselines: new Set() }));
        extents.push(e);
      }
      return e;
    }
    if (!loose || loose.artifact !== artifact) extents.push((loose = { artifact, top: -Infinity, bottom: Infinity, baselines: new Set() }));
    return loose;
  };
  const cover = (low: number, high: number, baseline?: number) => {
    const top = Math.min(height, high);
    const bottom = Math.max(0, low);
    if (top <= 0 || bottom >= height) return;
    const e = owner();
    e.top = Math.max(e.top, top);
    e.bottom = Math.min(e.bottom, bottom);
    if (baseline !== undefined) e.baselines.add(Math.round(baseline * 10) / 10);
  };

  for (const [index, stream] of streams.entries()) for (const op of stream.ops) {
    const operator = op.operator;
    const a = MEASURED.has(operator) ? numbers(stream, op) : [];
    switch (operator) {
      case 'q': saved.push(ctm); break;
      case 'Q': ctm = saved.pop() ?? IDENTITY; break;
      case 'cm': ctm = multiply(a as Matrix, ctm); break;
      case 'BT': tm = tlm = IDENTITY; text = { start: op.start, marked: marks.length > 0, baselines: [] }; break;
      case 'ET':
        if (text && textObjects) textObjects.push({ stream: index, start: text.start, end: op.end, marked: text.marked, baselines: text.baselines });
        text = undefined;
        break;
      case 'Tm': tm = tlm = a as Matrix; break;
      case 'Td': case 'TD':
        if (operator === 'TD') leading = -a[1]!;
        tm = tlm = multiply([1, 0, 0, 1, a[0]!, a[1]!], tlm);
        break;
      case 'T*': tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm); break;
      case 'TL': leading = a[0]!; break;
      case 'Tf': fontSize = a[1]!; break;
      case 'Tj': case 'TJ': case "'": case '"': {
        if (operator === "'" || operator === '"') tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        const m = multiply(tm, ctm);
        const y1 = yOf(m, 0, -0.25 * fontSize);
        const y2 = yOf(m, 0, 0.8 * fontSize);
        cover(Math.min(y1, y2), Math.max(y1, y2), yOf(m, 0, 0));
        text?.baselines.push(yOf(m, 0, 0));
        break;
      }
      case 'm': case 'l': case 'c': case 'v': case 'y': path.push(...a); break;
      case 're': path.push(a[0]!, a[1]!, a[0]! + a[2]!, a[1]! + a[3]!); break;
      case 'S': case 's': case 'f': case 'F': case 'f*': case 'B': case 'B*': case 'b': case 'b*': {
        let low = Infinity;
        let high = -Infinity;
        for (let i = 0; i + 1 < path.length; i += 2) {
          const y = yOf(ctm, path[i]!, path[i + 1]!);
          if (y < low) low = y;
          if (y > high) high = y;
        }
        if (path.length > 1) cover(low, high);
        path = [];
        break;
      }
      case 'n': path = []; break;
      case 'Do': {
        const ys = [yOf(ctm, 0, 0), yOf(ctm, 0, 1), yOf(ctm, 1, 0), yOf(ctm, 1, 1)];
        cover(Math.min(...ys), Math.max(...ys));
        break;
      }
      case 'BDC': case 'BMC': {
        const operands = operandText(stream, op);
        const mcid = /\/MCID\s+(\d+)/.exec(operands)?.[1];
        marks.push({ artifact: operands.trimStart().startsWith('/Artifact'), mcid: mcid === undefined ? undefined : Number(mcid) });
        break;
      }
      case 'EMC': marks.pop(); break;
    }
  }
  return extents.filter((e) => e.top > -Infinity);
}

