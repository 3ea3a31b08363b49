import { createHash } from 'node:crypto';
import { PDFDict, type PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { decodedBytes, flateStream } from '../flate.js';
import { readGlyphs, readMetrics, readSfnt, withGlyphs, writeSfnt, type Sfnt } from './sfnt-tables.js';

export interface FontMergeReport {
  /** FontFile2 programs before and after. */
  readonly programs: { readonly before: number; readonly after: number };
  /** Their decoded bytes before and after. */
  readonly bytes: { readonly before: number; readonly after: number };
}

const FONT_FILE2 = PDFName.of('FontFile2');
const FONT_NAME = PDFName.of('FontName');
/** Tables that must be the same for two subsets to come from one font (hinting, units). */
const SAME = ['cvt ', 'fpgm', 'prep', 'gasp'];

interface Program {
  readonly descriptors: PDFDict[];
  readonly ref: PDFRef;
  readonly sfnt: Sfnt;
  readonly glyphs: Uint8Array[];
  readonly metrics: Array<[number, number]>;
}

/**
 * Each unit embeds its own subset of every face it uses; Chromium (Skia, with HarfBuzz's
 * retain-gids) keeps the font's glyph ids in a subset, so subsets of one font differ only in
 * which glyphs they hold, and their union is a subset of that font too. The subsets of one
 * face (same name without the subset tag, same units and dates in head, same hinting) whose shared glyphs are
 * the same bytes are joined into one program, which every FontDescriptor of them points to;
 * a subset that disagrees on a glyph (another file of the face, say its latin-ext part) stays
 * apart. The PDF fonts and their widths, ToUnicode maps and text are untouched.
 */
export function mergeFontPrograms(doc: PDFDocument): FontMergeReport {
  const context = doc.context;
  const byStream = new Map<string, Program>();
  const order: Program[] = [];
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor') continue;
    const ref = object.get(FONT_FILE2);
    if (!(ref instanceof PDFRef)) continue;
    const known = byStream.get(ref.toString());
    if (known) {
      known.descriptors.push(object);
      continue;
    }
    const stream = context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const sfnt = readSfnt(decodedBytes(stream));
    const glyphs = sfnt && readGlyphs(sfnt);
    const metrics = sfnt && readMetrics(sfnt);
    if (!sfnt || !glyphs || !metrics) continue;
    const program: Program = { descriptors: [object], ref, sfnt, glyphs, metrics };
    byStream.set(ref.toString(), program);
    order.push(program);
  }

  const faces = new Map<string, Program[][]>();
  for (const program of order) {
    const name = program.descriptors[0]!.get(FONT_NAME)?.toString().replace(/^\/[A-Z]{6}\+/, '/') ?? '';
    const key = `${name} ${identity(program.sfnt)}`;
    const clusters = faces.get(key) ?? [];
    faces.set(key, clusters);
    const fits = clusters.find((cluster) => cluster.every((other) => agree(program.glyphs, other.glyphs)));
    if (fits) fits.push(program);
    else clusters.push([program]);
  }

  let before = 0;
  let after = 0;
  let programs = 0;
  for (const program of order) before += programLength(context.lookup(program.ref) as PDFRawStream);
  for (const clusters of faces.values()) {
    for (const cluster of clusters) {
      programs++;
      if (cluster.length === 1) {
        after += programLength(context.lookup(cluster[0]!.ref) as PDFRawStream);
        continue;
      }
      // Retain-gids subsets end at their last glyph: the largest has the union's glyph count
      // (maxp, and post's glyph names), and is the one the other tables come from.
      const base = cluster.reduce((a, b) => (b.glyphs.length > a.glyphs.length ? b : a));
      const count = base.glyphs.length;
      const glyphs: Uint8Array[] = [];
      const metrics: Array<[number, number]> = [];
      for (let g = 0; g < count; g++) {
        // The glyph and its metrics from the first subset that holds it.
        const owner = cluster.find((p) => (p.glyphs[g]?.length ?? 0) > 0) ?? base;
        glyphs.push(owner.glyphs[g]!);
        metrics.push(owner.metrics[g]!);
      }
      const bytes = writeSfnt(withGlyphs(base.sfnt, cluster.map((p) => p.sfnt), glyphs, metrics));
      after += bytes.length;
      const merged = context.register(flateStream(context, bytes, { Length1: PDFNumber.of(bytes.length) }));
      for (const program of cluster) {
        for (const descriptor of program.descriptors) descriptor.set(FONT_FILE2, merged);
        context.delete(program.ref);
      }
    }
  }
  return { programs: { before: order.length, after: programs }, bytes: { before, after } };
}

/** Two subsets agree when every glyph both hold is the same bytes. */
function agree(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  for (let g = 0; g < Math.min(a.length, b.length); g++) {
    const x = a[g]!;
    const y = b[g]!;
    if (x.length > 0 && y.length > 0 && !Buffer.from(x.buffer, x.byteOffset, x.length).equals(Buffer.from(y.buffer, y.byteOffset, y.length))) return false;
  }
  return true;
}

function identity(sfnt: Sfnt): string {
  const hash = createHash('sha256');
  const head = sfnt.tables.get('head');
  // unitsPerEm, created and modified: the same font file, not only the same name.
  if (head) hash.update(head.subarray(18, 36));
  for (const tag of SAME) hash.update(`${tag}:`).update(sfnt.tables.get(tag) ?? new Uint8Array());
  return hash.digest('hex').slice(0, 16);
}

function programLength(stream: PDFRawStream): number {
  const length1 = stream.dict.get(PDFName.of('Length1'));
  return length1 instanceof PDFNumber ? length1.asNumber() : stream.getContentsSize();
}
