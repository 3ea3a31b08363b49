import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

/*
 * The ePub's ZIP container, written with Node's own zlib (on its thread pool) instead of
 * JSZip's pure-JavaScript deflate: JSZip's pako took ~1.3 s of CPU of every build that wrote
 * the ePub, a one-paragraph edit included, on two cores the print shares (issue 22).
 * Written by hand because the format's subset an ePub needs is small (APPNOTE 6.3.3 §4.3: local
 * headers, central directory, end record; no ZIP64, no data descriptors, no extra fields, which
 * OCF forbids on `mimetype` anyway) and every byte must be reproducible.
 */

const deflate = promisify(deflateRaw);

/** Already compressed: deflating PNG and WOFF2 again costs time and saves nothing. */
const ALREADY_COMPRESSED = /\.(png|jpe?g|woff2?)$/i;
const STORED = 0;
const DEFLATED = 8;
/** "Made by" UNIX (3), spec 2.0; entries are regular files, rw-r--r--. */
const MADE_BY = (3 << 8) | 20;
const FILE_MODE = 0o100644;

interface Entry {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Buffer;
}

async function packEntry(name: string, content: Uint8Array | string): Promise<Entry> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const stored = name === 'mimetype' || ALREADY_COMPRESSED.test(name);
  const data = stored ? bytes : await deflate(bytes, { level: 9 });
  return { name: Buffer.from(name, 'utf8'), method: stored ? STORED : DEFLATED, crc: crc32(bytes), size: bytes.length, data };
}

/** The order OCF asks for: `mimetype` first; then, for reproducible bytes, every other name sorted. */
function ordered(names: Iterable<string>): string[] {
  return [...names].filter((n) => n !== 'mimetype').sort();
}

/**
 * Writes an EPUB container reproducibly: `mimetype` first and stored, then every other entry
 * in sorted order, all with one fixed date, so the same sources give byte-identical files.
 * A `mimetype` entry in `files` is ignored: it is always `application/epub+zip`.
 */
export async function writeEpubZip(files: ReadonlyMap<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  return (await prepareEpubZip(files, date)).finish(new Map());
}

/**
 * writeEpubZip in two steps: the entries known early are compressed while the print is under
 * way, and `finish` gives the container with the rest (an entry given again replaces its early
 * content), the same bytes writeEpubZip gives for the files together.
 */
export async function prepareEpubZip(files: ReadonlyMap<string, Uint8Array | string>, date: Date) {
  const early = new Map(await Promise.all(ordered(files.keys()).map(async (name) => [name, await packEntry(name, files.get(name)!)] as const)));
  return {
    async finish(late: ReadonlyMap<string, Uint8Array | string>): Promise<Uint8Array> {
      const packed = new Map(early);
      for (const [name, entry] of await Promise.all(ordered(late.keys()).map(async (name) => [name, await packEntry(name, late.get(name)!)] as const))) packed.set(name, entry);
      const entries = [await packEntry('mimetype', 'application/epub+zip'), ...ordered(packed.keys()).map((name) => packed.get(name)!)];
      return container(entries, dosDateTime(date));
    },
  };
}

/** The date as MS-DOS stores it (two 16-bit fields, two-second steps), read in UTC so every time zone writes the same. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function container(entries: readonly Entry[], when: { time: number; date: number }): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(when.time, 10);
    local.writeUInt16LE(when.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, e.name, e.data);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(MADE_BY, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0, 8);
    record.writeUInt16LE(e.method, 10);
    record.writeUInt16LE(when.time, 12);
    record.writeUInt16LE(when.date, 14);
    record.writeUInt32LE(e.crc, 16);
    record.writeUInt32LE(e.data.length, 20);
    record.writeUInt32LE(e.size, 24);
    record.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk number, internal attributes: none
    record.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, e.name);
    offset += local.length + e.name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  if (offset > 0xffffffff || entries.length > 0xffff) throw new Error('internal error: the ePub is too large for a ZIP without ZIP64');
  return Buffer.concat([...parts, directory, end]);
}
