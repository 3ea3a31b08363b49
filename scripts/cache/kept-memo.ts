import { contentHash } from './content-hash.js';
import type { ContentStore } from './content-store.js';

/**
 * A map of results by the hash of what they were made from, kept from one build to the next in
 * one cache entry (a pure function's answers: parsing each input again is what it saves). `save`
 * writes the entry when the map changed, sorted, so the same answers give the same bytes; a
 * damaged or unreadable entry reads as empty.
 */
export interface KeptMemo<T> {
  readonly map: Map<string, T>;
  save(): Promise<void>;
}

/** The book inlines about 130 SVGs and the ePub holds about 40 XML files: this bounds what an old edit leaves. */
const MAX_ENTRIES = 2048;

export async function keptMemo<T>(store: ContentStore, pipeline: string, kind: string, map = new Map<string, T>()): Promise<KeptMemo<T>> {
  const key = contentHash(pipeline, kind);
  let seeded = '';
  const bytes = await store.read(kind, key);
  if (bytes) {
    try {
      for (const [hash, value] of JSON.parse(bytes.toString('utf8')) as Array<[string, T]>) if (!map.has(hash)) map.set(hash, value);
      seeded = bytes.toString('utf8');
    } catch {
      // made again as the build goes
    }
  }
  return {
    map,
    async save() {
      if (map.size > MAX_ENTRIES) map.clear();
      const now = JSON.stringify([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
      if (now !== seeded) await store.write(kind, key, now);
    },
  };
}
