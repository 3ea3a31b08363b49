/**
 * Just enough of the TrueType (sfnt) format to join subsets of one font whose glyphs kept
 * their ids: read and write the table directory, the glyphs (loca/glyf) and the horizontal
 * metrics (hmtx). See https://learn.microsoft.com/typography/opentype/spec/otff.
 */

export interface Sfnt {
  readonly version: number;
  /** Tag → the table's bytes, in the file's (tag) order. */
  readonly tables: Map<string, Uint8Array>;
}

export function readSfnt(bytes: Uint8Array): Sfnt | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  // TrueType outlines only ('true' is the old Apple tag); CFF ('OTTO') is not FontFile2.
  if (version !== 0x00010000 && version !== 0x74727565) return undefined;
  const count = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.length) return undefined;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) return undefined;
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  return { version, tables };
}

export function writeSfnt(sfnt: Sfnt): Uint8Array {
  const tags = [...sfnt.tables.keys()].sort();
  const count = tags.length;
  let size = 12 + count * 16;
  const offsets = tags.map((tag) => {
    const at = size;
    size += pad4(sfnt.tables.get(tag)!.length);
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(count));
  view.setUint32(0, sfnt.version);
  view.setUint16(4, count);
  view.setUint16(6, 2 ** entrySelector * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - 2 ** entrySelector * 16);
  let headAt = -1;
  tags.forEach((tag, i) => {
    const table = sfnt.tables.get(tag)!;
    const at = 12 + i * 16;
    for (let c = 0; c < 4; c++) out[at + c] = tag.charCodeAt(c);
    out.set(table, offsets[i]!);
    if (tag === 'head') {
      // The whole file's checksum is figured with the adjustment at 0, then written there.
      headAt = offsets[i]!;
      view.setUint32(headAt + 8, 0);
    }
    view.setUint32(at + 4, checksum(out.subarray(offsets[i]!, offsets[i]! + pad4(table.length))));
    view.setUint32(at + 8, offsets[i]!);
    view.setUint32(at + 12, table.length);
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** Each glyph's bytes (empty for a glyph the subset dropped), by glyph id. */
export function readGlyphs(sfnt: Sfnt): Uint8Array[] | undefined {
  const head = sfnt.tables.get('head');
  const loca = sfnt.tables.get('loca');
  const glyf = sfnt.tables.get('glyf');
  const count = numGlyphs(sfnt);
  if (!head || !loca || !glyf || count === undefined) return undefined;
  const long = view(head).getInt16(50) === 1;
  const locaView = view(loca);
  const offset = (i: number) => (long ? locaView.getUint32(i * 4) : locaView.getUint16(i * 2) * 2);
  if (loca.length < (count + 1) * (long ? 4 : 2)) return undefined;
  const glyphs: Uint8Array[] = [];
  for (let g = 0; g < count; g++) {
    const start = offset(g);
    const end = offset(g + 1);
    if (end < start || end > glyf.length) return undefined;
    glyphs.push(glyf.subarray(start, end));
  }
  return glyphs;
}

export function numGlyphs(sfnt: Sfnt): number | undefined {
  const maxp = sfnt.tables.get('maxp');
  return maxp && maxp.length >= 6 ? view(maxp).getUint16(4) : undefined;
}

/** Each glyph's advance width and left side bearing, by glyph id. */
export function readMetrics(sfnt: Sfnt): Array<[number, number]> | undefined {
  const hhea = sfnt.tables.get('hhea');
  const hmtx = sfnt.tables.get('hmtx');
  const count = numGlyphs(sfnt);
  if (!hhea || !hmtx || count === undefined) return undefined;
  const long = view(hhea).getUint16(34);
  const v = view(hmtx);
  if (long === 0 || hmtx.length < long * 4 + (count - long) * 2) return undefined;
  const metrics: Array<[number, number]> = [];
  for (let g = 0; g < count; g++) {
    if (g < long) metrics.push([v.getUint16(g * 4), v.getInt16(g * 4 + 2)]);
    else metrics.push([v.getUint16((long - 1) * 4), v.getInt16(long * 4 + (g - long) * 2)]);
  }
  return metrics;
}

/**
 * `base` with `glyphs` and `metrics` in place of its own: long loca offsets, one long metric per
 * glyph, and the bounds and maxima in head, hhea and maxp the largest of `all` the subsets'.
 */
export function withGlyphs(base: Sfnt, all: readonly Sfnt[], glyphs: readonly Uint8Array[], metrics: ReadonlyArray<readonly [number, number]>): Sfnt {
  const tables = new Map(base.tables);
  const glyfSize = glyphs.reduce((n, g) => n + pad4(g.length), 0);
  const glyf = new Uint8Array(glyfSize);
  const loca = new Uint8Array((glyphs.length + 1) * 4);
  const locaView = view(loca);
  let at = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(i * 4, at);
    glyf.set(g, at);
    at += pad4(g.length);
  });
  locaView.setUint32(glyphs.length * 4, at);
  tables.set('glyf', glyf);
  tables.set('loca', loca);

  const hmtx = new Uint8Array(metrics.length * 4);
  metrics.forEach(([advance, lsb], i) => {
    view(hmtx).setUint16(i * 4, advance);
    view(hmtx).setInt16(i * 4 + 2, lsb);
  });
  tables.set('hmtx', hmtx);

  const head = base.tables.get('head')!.slice();
  const heads = all.map((s) => view(s.tables.get('head')!));
  view(head).setInt16(36, Math.min(...heads.map((h) => h.getInt16(36))));
  view(head).setInt16(38, Math.min(...heads.map((h) => h.getInt16(38))));
  view(head).setInt16(40, Math.max(...heads.map((h) => h.getInt16(40))));
  view(head).setInt16(42, Math.max(...heads.map((h) => h.getInt16(42))));
  view(head).setInt16(50, 1);
  tables.set('head', head);

  const hhea = base.tables.get('hhea')!.slice();
  const hheas = all.map((s) => view(s.tables.get('hhea')!));
  view(hhea).setUint16(10, Math.max(...hheas.map((h) => h.getUint16(10))));
  view(hhea).setInt16(12, Math.min(...hheas.map((h) => h.getInt16(12))));
  view(hhea).setInt16(14, Math.min(...hheas.map((h) => h.getInt16(14))));
  view(hhea).setInt16(16, Math.max(...hheas.map((h) => h.getInt16(16))));
  view(hhea).setUint16(34, metrics.length);
  tables.set('hhea', hhea);

  const maxp = base.tables.get('maxp')!.slice();
  const maxps = all.map((s) => s.tables.get('maxp')!);
  // Version 1.0 (TrueType): the maxima after numGlyphs, each the largest of the subsets'.
  for (let o = 6; o + 2 <= maxp.length; o += 2) view(maxp).setUint16(o, Math.max(...maxps.map((m) => (o + 2 <= m.length ? view(m).getUint16(o) : 0))));
  tables.set('maxp', maxp);
  return { version: base.version, tables };
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const v = view(bytes);
  for (let i = 0; i < bytes.length; i += 4) {
    const word = i + 4 <= bytes.length ? v.getUint32(i) : ((bytes[i]! << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}
