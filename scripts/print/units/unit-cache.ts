import type { BuildCache } from '../../cache/build-cache.js';
import type { PrintedUnitResult } from './print-unit.js';

const KIND = 'print-unit';

/**
 * A printed unit under the key of what made it (its document, the style sheet, the pipeline):
 * the PDF's bytes after a header of the rest as JSON. A unit that fails to parse is printed
 * again, never trusted.
 */
export async function readCachedUnit(cache: BuildCache, key: string): Promise<PrintedUnitResult | undefined> {
  const entry = await cache.store.read(KIND, key);
  if (!entry || entry.length < 4) return undefined;
  try {
    const length = entry.readUInt32BE(0);
    const meta = JSON.parse(entry.subarray(4, 4 + length).toString('utf8')) as Omit<PrintedUnitResult, 'bytes'>;
    return { ...meta, bytes: new Uint8Array(entry.subarray(4 + length)) };
  } catch {
    return undefined;
  }
}

export async function writeCachedUnit(cache: BuildCache, key: string, unit: PrintedUnitResult): Promise<void> {
  const { bytes, ...meta } = unit;
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(json.length, 0);
  await cache.store.write(KIND, key, Buffer.concat([header, json, Buffer.from(bytes)]));
}
