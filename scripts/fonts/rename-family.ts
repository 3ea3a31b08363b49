/**
 * A TrueType/OpenType file whose `name` table is replaced by one that names it `family`
 * (name IDs 1, 4, 6 and 16, Windows Unicode, en-US) with subfamily `subfamily`; every other table is
 * kept byte for byte. Why: @fontsource splits a face into latin and latin-ext files that share a
 * family name, which a browser tells apart by `unicode-range`. A renderer without CSS (resvg)
 * can only tell them apart by name: see raster-fonts.ts.
 */
export function renameFamily(sfnt: Uint8Array, family: string, subfamily: string): Buffer {
  const font = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const count = font.readUInt16BE(4);
  const tables: Array<{ tag: string; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    const tag = font.toString('latin1', record, record + 4);
    const offset = font.readUInt32BE(record + 8);
    const data = tag === 'name' ? nameTable(family, subfamily) : font.subarray(offset, offset + font.readUInt32BE(record + 12));
    tables.push({ tag, data });
  }
  if (!tables.some((t) => t.tag === 'name')) throw new Error('the font has no name table');
  const headerLength = 12 + 16 * count;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  font.copy(out, 0, 0, 12);
  let offset = headerLength;
  let headOffset = -1;
  for (const [i, { tag, data }] of tables.entries()) {
    const record = 12 + 16 * i;
    data.copy(out, offset);
    if (tag === 'head') {
      headOffset = offset;
      out.writeUInt32BE(0, offset + 8);
    }
    out.write(tag, record, 'latin1');
    out.writeUInt32BE(checksum(out.subarray(offset, offset + padded(data.length))), record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(data.length, record + 12);
    offset += padded(data.length);
  }
  // The whole file's checksum adjustment, as the OpenType spec defines it.
  if (headOffset >= 0) out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8);
  return out;
}

function nameTable(family: string, subfamily: string): Buffer {
  // A PostScript name (6) too: fontdb skips a face without one.
  const postScript = `${family}-${subfamily}`.replace(/[^A-Za-z0-9-]/g, '');
  const names: Array<[id: number, value: string]> = [[1, family], [2, subfamily], [4, `${family} ${subfamily}`], [6, postScript], [16, family], [17, subfamily]];
  const strings = names.map(([, value]) => Buffer.from(value, 'utf16le').swap16());
  const header = 6 + 12 * names.length;
  const table = Buffer.alloc(header + strings.reduce((sum, s) => sum + s.length, 0));
  table.writeUInt16BE(0, 0);
  table.writeUInt16BE(names.length, 2);
  table.writeUInt16BE(header, 4);
  let at = 0;
  for (const [i, [id]] of names.entries()) {
    const record = 6 + 12 * i;
    table.writeUInt16BE(3, record); // Windows
    table.writeUInt16BE(1, record + 2); // Unicode BMP
    table.writeUInt16BE(0x409, record + 4); // en-US
    table.writeUInt16BE(id, record + 6);
    table.writeUInt16BE(strings[i]!.length, record + 8);
    table.writeUInt16BE(at, record + 10);
    strings[i]!.copy(table, header + at);
    at += strings[i]!.length;
  }
  return table;
}

/** The OpenType table checksum: the sum of big-endian 32-bit words, modulo 2^32. */
function checksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = i + 4 <= bytes.length ? bytes.readUInt32BE(i) : Buffer.concat([bytes.subarray(i), Buffer.alloc(4)]).readUInt32BE(0);
    sum = (sum + word) >>> 0;
  }
  return sum;
}
