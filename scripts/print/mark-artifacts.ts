import { PDFArray, type PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { parseContentStream, type ContentOperation, type ContentStream } from './content-stream.js';
import { pageContentBytes } from './page-geometry.js';
import { flateStream } from './flate.js';

const PATH_START = new Set(['m', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const MARK_BEGIN = new Set(['BDC', 'BMC']);

/**
 * PDF/UA-1 wants every piece of a page's content either tagged or marked as an artifact
 * (Matterhorn 01-005). Chromium tags the document's content but leaves the running headers,
 * folios, page backgrounds and decorations (rules, dotted leaders, box fills) outside any
 * marked-content sequence: each such text object, painted path or image is wrapped here in
 * `/Artifact` marked content, text as a pagination artifact. Returns how many were wrapped.
 */
export function markArtifacts(doc: PDFDocument, parsed?: ReadonlyArray<readonly ContentStream[]>): number {
  let wrapped = 0;
  for (const [index, page] of doc.getPages().entries()) {
    const streams = parsed?.[index] ?? pageContentBytes(page).map((b) => parseContentStream(b));
    // Chromium writes one stream per page; several are read as one, as a viewer does.
    const { text, ops } = streams.length === 1 ? streams[0]! : parseContentStream(Buffer.from(streams.map((s) => s.text).join('\n'), 'latin1'));
    const units = untaggedUnits(ops);
    if (units.length === 0) continue;
    let out = '';
    let at = 0;
    for (const u of units) {
      out += text.slice(at, u.start);
      out += u.text ? '/Artifact <</Type /Pagination>> BDC\n' : '/Artifact BMC\n';
      out += text.slice(u.start, u.end);
      out += '\nEMC';
      at = u.end;
    }
    out += text.slice(at);
    wrapped += units.length;
    // The old streams go: pdf-lib saves every object it holds, referenced or not.
    const old = page.node.get(PDFName.of('Contents'));
    const oldRefs = old instanceof PDFArray ? old.asArray() : [old];
    for (const ref of oldRefs) if (ref instanceof PDFRef) doc.context.delete(ref);
    const stream = flateStream(doc.context, Buffer.from(out, 'latin1'));
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  }
  return wrapped;
}

interface Unit { start: number; end: number; text: boolean }

/** Painting outside any marked content: whole text objects, painted paths, images, shadings. */
function untaggedUnits(ops: readonly ContentOperation[]): Unit[] {
  const units: Unit[] = [];
  let depth = 0;
  let pathStart = -1;
  let textStart = -1;
  const add = (start: number, end: number, text: boolean) => {
    const last = units[units.length - 1];
    // Neighbours with nothing between them but state changes share one artifact.
    if (last && last.text === text && last.end === mergeFrom) last.end = end;
    else units.push({ start, end, text });
    mergeFrom = end;
  };
  let mergeFrom = -1;
  for (const op of ops) {
    const o = op.operator;
    if (MARK_BEGIN.has(o)) { depth++; mergeFrom = -1; continue; }
    if (o === 'EMC') { depth--; mergeFrom = -1; continue; }
    if (o === 'q' || o === 'Q') mergeFrom = -1;
    if (depth > 0) continue;
    if (textStart >= 0) {
      if (o === 'ET') { add(textStart, op.end, true); textStart = -1; }
      continue;
    }
    if (o === 'BT') { textStart = op.start; continue; }
    if (PATH_START.has(o) && pathStart < 0) { pathStart = op.start; continue; }
    if (pathStart >= 0) {
      if (PATH_PAINT.has(o)) { add(pathStart, op.end, false); pathStart = -1; }
      else if (o === 'n') pathStart = -1; // a clipping path paints nothing
      continue;
    }
    if (o === 'Do' || o === 'sh') add(op.start, op.end, false);
  }
  return units;
}
