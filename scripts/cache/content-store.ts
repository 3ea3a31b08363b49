import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
}

export function diskStore(dir: string): ContentStore {
  return {
    async read(kind, key) {
      return readFile(join(dir, kind, key)).catch(() => undefined);
    },
    async write(kind, key, data) {
      const folder = join(dir, kind);
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(temp, data);
      await rename(temp, join(folder, key));
    },
  };
}

/** `--no-cache`: every lookup misses and nothing is written, so the build is a cold one. */
export const noStore: ContentStore = {
  read: async () => undefined,
  write: async () => undefined,
};
