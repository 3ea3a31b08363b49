import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFDocument, type PDFObject } from 'pdf-lib';
import { numbers, operandText, parseContentStream } from '../content-stream.js';
import { decodedBytes } from '../flate.js';

/** Fills with more ink than this (C+M+Y+K, of 1 each) do not dry on coated paper (FOGRA39's limit is 300%). */
export const INK_LIMIT = 3;
/** Lines thinner than this (in points, at their printed size) may not print. */
export const HAIRLINE = 0.25;
/** Images with fewer pixels per inch than this at their printed size print soft. */
export const MIN_PPI = 300;

export type PressFindingKind = 'rgb' | 'ink-limit' | 'hairline' | 'low-ppi' | 'font-not-embedded' | 'in-bleed';

export interface PressFinding {
  readonly page: number;
  readonly kind: PressFindingKind;
  readonly message: string;
  /** Why it is as meant: a finding with a reason is a note, not a warning. */
  readonly reason?: string;
}

export interface PressPreflightReport {
  readonly pages: number;
  /** Colour space → how many operators or objects use it, over the whole file. */
  readonly spaces: ReadonlyMap<string, number>;
  readonly findings: readonly PressFinding[];
}

export interface PressPreflightOptions {
  /** Pages whose background is meant to run into the bleed (the cover). */
  readonly fullBleed?: ReadonlySet<number>;
}

type Matrix = [number, number, number, number, number, number];
interface Box { x0: number; y0: number; x1: number; y1: number }

const N = (name: string) => PDFName.of(name);
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
/** How much a matrix scales lengths (the geometric mean of its axes' scales). */
const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
const intersect = (a: Box, b: Box): Box => ({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
const empty = (b: Box) => b.x1 <= b.x0 || b.y1 <= b.y0;

/**
 * The press preflight: reads the printer's PDF as a press would (every page's drawing with its
 * forms, through the transformation matrix) and reports the colour spaces it uses, and, per
 * page, what a printing house would send back: an RGB colour left, a fill with more ink than
 * the paper takes, a line too thin to print, an image too coarse for its printed size, a font
 * not embedded, and drawing in the bleed on a page that is not meant to bleed.
 */
export async function pressPreflight(pdf: Uint8Array, options: PressPreflightOptions = {}): Promise<PressPreflightReport> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const spaces = new Map<string, number>();
  const use = (space: string) => spaces.set(space, (spaces.get(space) ?? 0) + 1);
  const findings: PressFinding[] = [];
  const fontsSeen = new Set<PDFObject>();

  doc.getPages().forEach((page, index) => {
    const number = index + 1;
    const trim = boxOf(page.node.lookupMaybe(N('TrimBox'), PDFArray)) ?? boxOf(page.node.MediaBox())!;
    const bleedBox = boxOf(page.node.lookupMaybe(N('BleedBox'), PDFArray)) ?? trim;
    let rgb = 0;
    let overInked = { count: 0, most: 0 };
    let thinnest = { count: 0, width: Infinity };
    let inBleed = 0;
    const coarse: string[] = [];

    const run = (stream: PDFRawStream, resources: PDFDict | undefined, start: Matrix, clipStart: Box, depth: number) => {
      if (depth > 12) return;
      const parsed = parseContentStream(decodedBytes(stream));
      type State = { ctm: Matrix; clip: Box; width: number; fill: number; space: string };
      let s: State = { ctm: start, clip: clipStart, width: 1, fill: 1, space: 'DeviceGray' };
      const stack: State[] = [];
      let path: Box | undefined;
      let clipPending = false;
      const extend = (x: number, y: number) => {
        const [px, py] = apply(s.ctm, x, y);
        path = path ? { x0: Math.min(path.x0, px), y0: Math.min(path.y0, py), x1: Math.max(path.x1, px), y1: Math.max(path.y1, py) } : { x0: px, y0: py, x1: px, y1: py };
      };
      const namedSpace = (name: string) => {
        if (['DeviceRGB', 'DeviceCMYK', 'DeviceGray', 'Pattern'].includes(name)) return name;
        const space = context.lookup(resources?.lookupMaybe(N('ColorSpace'), PDFDict)?.get(N(name)));
        return spaceName(space, context);
      };
      const painted = (stroke: boolean, fill: boolean) => {
        if (!path) return;
        const pad = stroke ? (s.width * scaleOf(s.ctm)) / 2 : 0;
        const area = intersect({ x0: path.x0 - pad, y0: path.y0 - pad, x1: path.x1 + pad, y1: path.y1 + pad }, s.clip);
        if (fill && s.fill > INK_LIMIT + 1e-6) overInked = { count: overInked.count + 1, most: Math.max(overInked.most, s.fill) };
        if (stroke) {
          const width = s.width * scaleOf(s.ctm);
          if (width < HAIRLINE) thinnest = { count: thinnest.count + 1, width: Math.min(thinnest.width, width) };
        }
        if (!empty(area) && !options.fullBleed?.has(number)) {
          const inside = intersect(area, bleedBox);
          const beyondTrim = inside.x0 < trim.x0 - 0.5 || inside.y0 < trim.y0 - 0.5 || inside.x1 > trim.x1 + 0.5 || inside.y1 > trim.y1 + 0.5;
          if (!empty(inside) && beyondTrim) inBleed++;
        }
      };
      for (const op of parsed.ops) {
        const o = op.operator;
        switch (o) {
          case 'q': stack.push({ ...s }); break;
          case 'Q': s = stack.pop() ?? s; break;
          case 'cm': s.ctm = multiply(numbers(parsed, op) as Matrix, s.ctm); break;
          case 'w': s.width = numbers(parsed, op)[0]!; break;
          case 'rg': case 'RG': rgb++; use('DeviceRGB'); if (o === 'rg') { s.fill = 0; s.space = 'DeviceRGB'; } break;
          case 'k': case 'K': use('DeviceCMYK'); if (o === 'k') { s.fill = numbers(parsed, op).reduce((a, b) => a + b, 0); s.space = 'DeviceCMYK'; } break;
          case 'g': case 'G': use('DeviceGray'); if (o === 'g') { s.fill = 1 - numbers(parsed, op)[0]!; s.space = 'DeviceGray'; } break;
          case 'cs': case 'CS': {
            const space = namedSpace(operandText(parsed, op).trim().slice(1));
            use(space);
            if (space === 'DeviceRGB') rgb++;
            if (o === 'cs') { s.space = space; s.fill = 0; }
            break;
          }
          case 'sc': case 'scn': if (s.space === 'DeviceCMYK') s.fill = numbers(parsed, op).reduce((a, b) => a + b, 0); break;
          case 'm': case 'l': { const [x, y] = numbers(parsed, op); extend(x!, y!); break; }
          case 'c': { const v = numbers(parsed, op); for (let i = 0; i < 6; i += 2) extend(v[i]!, v[i + 1]!); break; }
          case 'v': case 'y': { const v = numbers(parsed, op); extend(v[0]!, v[1]!); extend(v[2]!, v[3]!); break; }
          case 're': { const [x, y, w, h] = numbers(parsed, op) as [number, number, number, number]; extend(x, y); extend(x + w, y); extend(x, y + h); extend(x + w, y + h); break; }
          case 'W': case 'W*': clipPending = true; break;
          case 'f': case 'F': case 'f*': case 'S': case 's': case 'B': case 'B*': case 'b': case 'b*': case 'n': {
            const stroke = /^[SsBb]/.test(o);
            const fill = /^[fFBb]/.test(o);
            if (o !== 'n') painted(stroke, fill);
            if (clipPending && path) s.clip = intersect(s.clip, path);
            clipPending = false;
            path = undefined;
            break;
          }
          case 'Do': {
            const name = operandText(parsed, op).trim().slice(1);
            const ref = resources?.lookupMaybe(N('XObject'), PDFDict)?.get(N(name));
            const x = context.lookup(ref);
            if (!(x instanceof PDFRawStream)) break;
            const subtype = x.dict.lookupMaybe(N('Subtype'), PDFName);
            if (subtype === N('Image')) {
              use(spaceName(context.lookup(x.dict.get(N('ColorSpace'))), context));
              const w = x.dict.lookupMaybe(N('Width'), PDFNumber)?.asNumber() ?? 0;
              const h = x.dict.lookupMaybe(N('Height'), PDFNumber)?.asNumber() ?? 0;
              const printedW = Math.hypot(s.ctm[0], s.ctm[1]) / 72;
              const printedH = Math.hypot(s.ctm[2], s.ctm[3]) / 72;
              const ppi = Math.min(w / printedW, h / printedH);
              if (ppi < MIN_PPI) coarse.push(`${w} × ${h} px at ${Math.round(ppi)} ppi`);
              path = undefined;
              const [x0, y0] = apply(s.ctm, 0, 0);
              const [x1, y1] = apply(s.ctm, 1, 1);
              path = { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
              painted(false, false);
              path = undefined;
            } else if (subtype === N('Form')) {
              const matrix = (x.dict.lookupMaybe(N('Matrix'), PDFArray)?.asArray().map((n) => (n as PDFNumber).asNumber()) ?? [1, 0, 0, 1, 0, 0]) as Matrix;
              const ctm = multiply(matrix, s.ctm);
              const bbox = boxOf(x.dict.lookupMaybe(N('BBox'), PDFArray));
              let clip = s.clip;
              if (bbox) {
                const corners = [apply(ctm, bbox.x0, bbox.y0), apply(ctm, bbox.x1, bbox.y0), apply(ctm, bbox.x0, bbox.y1), apply(ctm, bbox.x1, bbox.y1)];
                clip = intersect(clip, { x0: Math.min(...corners.map((c) => c[0])), y0: Math.min(...corners.map((c) => c[1])), x1: Math.max(...corners.map((c) => c[0])), y1: Math.max(...corners.map((c) => c[1])) });
              }
              const inner = x.dict.lookupMaybe(N('Resources'), PDFDict);
              fonts(inner);
              run(x, inner, ctm, clip, depth + 1);
            }
            break;
          }
        }
      }
    };

    const fonts = (resources: PDFDict | undefined) => {
      for (const [name, ref] of resources?.lookupMaybe(N('Font'), PDFDict)?.entries() ?? []) {
        if (fontsSeen.has(ref)) continue;
        fontsSeen.add(ref);
        const font = context.lookup(ref);
        if (font instanceof PDFDict && !fontEmbedded(font, context)) {
          const base = font.lookupMaybe(N('BaseFont'), PDFName)?.decodeText() ?? name.decodeText();
          findings.push({ page: number, kind: 'font-not-embedded', message: `the font ${base} is not embedded` });
        }
      }
    };

    const resources = page.node.Resources();
    fonts(resources);
    const contents = page.node.get(N('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : [];
    const media = boxOf(page.node.MediaBox())!;
    for (const ref of refs) {
      const stream = context.lookup(ref);
      if (stream instanceof PDFRawStream) run(stream, resources, [1, 0, 0, 1, 0, 0], media, 0);
    }
    if (rgb > 0) findings.push({ page: number, kind: 'rgb', message: `${rgb} RGB colour operators left` });
    if (overInked.count > 0) findings.push({ page: number, kind: 'ink-limit', message: `${overInked.count} fills with more than ${INK_LIMIT * 100}% ink (up to ${Math.round(overInked.most * 100)}%)` });
    if (thinnest.count > 0) findings.push({ page: number, kind: 'hairline', message: `${thinnest.count} lines thinner than ${HAIRLINE} pt (the thinnest ${thinnest.width.toFixed(2)} pt)` });
    if (coarse.length > 0) findings.push({ page: number, kind: 'low-ppi', message: `${coarse.length} images under ${MIN_PPI} ppi at their printed size (${coarse.slice(0, 3).join(', ')})` });
    if (inBleed > 0) findings.push({ page: number, kind: 'in-bleed', message: `${inBleed} drawings reach into the bleed on a page not meant to bleed` });
  });
  return { pages: doc.getPageCount(), spaces, findings };
}

function boxOf(array: PDFArray | undefined): Box | undefined {
  if (array?.size() !== 4) return undefined;
  const [a, b, c, d] = array.asArray().map((n) => (n as PDFNumber).asNumber()) as [number, number, number, number];
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

/** A colour space's name as the report lists it: `DeviceCMYK`, `ICCBased(3)`, `Pattern`… */
function spaceName(space: PDFObject | undefined, context: PDFDocument['context']): string {
  if (space instanceof PDFName) return space.decodeText();
  if (space instanceof PDFArray && space.size() > 0) {
    const family = (space.get(0) as PDFName).decodeText();
    if (family === 'ICCBased') {
      const n = context.lookup(space.get(1));
      const channels = n instanceof PDFStream ? n.dict.lookupMaybe(N('N'), PDFNumber)?.asNumber() : undefined;
      return channels === 3 ? 'DeviceRGB' : `ICCBased(${channels})`;
    }
    return family;
  }
  return 'unknown';
}

/** Whether a font's program is in the file (Type 3 fonts are drawn by the file itself). */
function fontEmbedded(font: PDFDict, context: PDFDocument['context']): boolean {
  const subtype = font.lookupMaybe(N('Subtype'), PDFName)?.decodeText();
  if (subtype === 'Type3') return true;
  const descendant = subtype === 'Type0' ? context.lookup(font.lookupMaybe(N('DescendantFonts'), PDFArray)?.get(0)) : font;
  const descriptor = descendant instanceof PDFDict ? descendant.lookupMaybe(N('FontDescriptor'), PDFDict) : undefined;
  return Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(N(k)) !== undefined));
}

/** The report's lines: colour spaces, the screen colours converted, each finding with its reason. */
export function formatPressPreflight(report: PressPreflightReport, converted: ReadonlyArray<{ hex: string; cmyk: readonly number[]; source: { kind: string; token?: string }; count: number }>): string {
  const pct = (v: number) => Math.round(v * 100);
  const lines = [`Press preflight: ${report.pages} pages; colour spaces ${[...report.spaces].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s} (${n})`).join(', ') || 'none'}; ${report.findings.length} findings.`];
  lines.push(`  ${converted.length} screen colours printed as CMYK:`);
  for (const c of converted) {
    const how = c.source.kind === 'brand' ? `--${c.source.token}-print` : c.source.kind === 'grey' ? 'grey: black only' : 'not a brand colour: GCR';
    lines.push(`    ${c.hex} → C${pct(c.cmyk[0]!)} M${pct(c.cmyk[1]!)} Y${pct(c.cmyk[2]!)} K${pct(c.cmyk[3]!)} (${how}; ${c.count}×)`);
  }
  for (const f of report.findings) lines.push(`  p. ${f.page}: ${f.kind}: ${f.message}${f.reason ? ` (reason: ${f.reason})` : ''}`);
  return lines.join('\n');
}
