import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Results kept on disk under the hash of everything that made them (`.cache/<kind>/<key>`).
 * An entry is never updated in place: it is written to a temporary name and renamed, so a
 * build interrupted mid-write, or two builds at once, never leave half an entry behind.
 */
export interface ContentStore {
  read(kind: string, key: string): Promise<Buffer | undefined>;
  write(kind: string, key: string, data: string | Buffer): Promise<void>;
  /** Deletes the entries no build has read or written for `maxAgeMs` (old pipelines' results). */
  prune(maxAgeMs: number): Promise<number>;
}

export function diskStore(dir: string): ContentStore {
  return {
    async read(kind, key) {
      const path = join(dir, kind, key);
      const bytes = await readFile(path).catch(() => undefined);
      // A hit marks the entry as in use, so pruning keeps it.
      if (bytes) await utimes(path, new Date(), new Date()).catch(() => undefined);
      return bytes;
    },
    async write(kind, key, data) {
      const folder = join(dir, kind);
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(temp, data);
      await rename(temp, join(folder, key));
    },
    async prune(maxAgeMs) {
      const before = Date.now() - maxAgeMs;
      let removed = 0;
      for (const kind of await readdir(dir).catch(() => [] as string[])) {
        for (const name of await readdir(join(dir, kind)).catch(() => [] as string[])) {
          const path = join(dir, kind, name);
          const info = await stat(path).catch(() => undefined);
          if (info?.isFile() && info.mtimeMs < before) {
            await rm(path, { force: true });
            removed += 1;
          }
        }
      }
      return removed;
    },
  };
}

/** `--no-cache`: every lookup misses and nothing is written, so the build is a cold one. */
export const noStore: ContentStore = {
  read: async () => undefined,
  write: async () => undefined,
  prune: async () => 0,
};
