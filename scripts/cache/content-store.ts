import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Results kept on disk under the hash of everything that made them (`.cache/<kind>/<key>`).
 * An entry is never updated in place: it is written to a temporary name and renamed, so a
 * build interrupted mid-write, or two builds at once, never leave half an entry behind.
 * Each entry starts with the SHA-256 of its content and is checked against it when read: an
 * entry truncated or damaged on disk (a full disk, a crash, a hand edit) is deleted and reads
 * as a miss, so it is made again instead of shipped or failing every later build.
 */
export interface ContentStore {
  /** The entry's content, or undefined when there is none or it failed its check (then it is deleted). */
  read(kind: string, key: string): Promise<Buffer | undefined>;
  write(kind: string, key: string, data: string | Buffer): Promise<void>;
  /** Deletes the entries no build has read or written for `maxAgeMs` (old pipelines' results). */
  prune(maxAgeMs: number): Promise<number>;
}

/** Length of the digest that heads every entry. */
const DIGEST = 32;

/** `onDamaged` hears of each entry that failed its check (by its path under `dir`), for a warning. */
export function diskStore(dir: string, onDamaged: (entry: string) => void = () => undefined): ContentStore {
  return {
    async read(kind, key) {
      const path = join(dir, kind, key);
      const bytes = await readFile(path).catch(() => undefined);
      if (!bytes) return undefined;
      const content = bytes.subarray(DIGEST);
      if (bytes.length < DIGEST || !digestOf(content).equals(bytes.subarray(0, DIGEST))) {
        await rm(path, { force: true });
        onDamaged(`${kind}/${key}`);
        return undefined;
      }
      // A hit marks the entry as in use, so pruning keeps it.
      await utimes(path, new Date(), new Date()).catch(() => undefined);
      return content;
    },
    async write(kind, key, data) {
      const folder = join(dir, kind);
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
      const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      await writeFile(temp, Buffer.concat([digestOf(content), content]));
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

function digestOf(content: Buffer): Buffer {
  return createHash('sha256').update(content).digest();
}
