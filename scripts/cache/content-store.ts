import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { ProjectFileError, readRegularFile } from '../diagnostics/project-files.js';

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

/**
 * `onDamaged` hears of each entry that failed its check (by its path under `dir`), for a warning.
 * `onUnwritable` hears of the first write that failed (a read-only folder, `.cache/charts` a
 * file): the store writes nothing more and the build goes on without keeping its results.
 */
export function diskStore(dir: string, onDamaged: (entry: string) => void = () => undefined, onUnwritable: (code: string) => void = () => undefined): ContentStore {
  let writable = true;
  return {
    async read(kind, key) {
      const path = join(dir, kind, key);
      // A FIFO, a link or a huge file put in the cache's place is damage too, and never blocks the build.
      const bytes = await readRegularFile(path, `${kind}/${key}`, 'cacheEntry').catch((e: unknown) => (e instanceof ProjectFileError && e.problem !== 'missing' ? Buffer.alloc(0) : undefined));
      if (!bytes) return undefined;
      const content = bytes.subarray(DIGEST);
      if (bytes.length < DIGEST || !digestOf(content).equals(bytes.subarray(0, DIGEST))) {
        // A damaged entry in a folder that cannot be written stays: it is a miss every time.
        await rm(path, { force: true }).catch(() => undefined);
        onDamaged(`${kind}/${key}`);
        return undefined;
      }
      // A hit marks the entry as in use, so pruning keeps it.
      await utimes(path, new Date(), new Date()).catch(() => undefined);
      return content;
    },
    async write(kind, key, data) {
      if (!writable) return;
      const folder = join(dir, kind);
      const temp = join(folder, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
      const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      try {
        await mkdir(folder, { recursive: true });
        await writeFile(temp, Buffer.concat([digestOf(content), content]));
        await rename(temp, join(folder, key));
      } catch (e) {
        await rm(temp, { force: true }).catch(() => undefined);
        if (writable) onUnwritable((e as NodeJS.ErrnoException).code ?? 'error');
        writable = false;
      }
    },
    async prune(maxAgeMs) {
      const before = Date.now() - maxAgeMs;
      let removed = 0;
      for (const kind of await readdir(dir).catch(() => [] as string[])) {
        for (const name of await readdir(join(dir, kind)).catch(() => [] as string[])) {
          const path = join(dir, kind, name);
          const info = await stat(path).catch(() => undefined);
          if (info?.isFile() && info.mtimeMs < before && await rm(path, { force: true }).then(() => true, () => false)) removed += 1;
        }
      }
      return removed;
    },
  };
}

/**
 * Whether results can be kept in `dir` (made when missing): a file written and removed there.
 * The error code when not (EACCES, EROFS, ENOTDIR or EEXIST when `.cache` is a file).
 */
export async function unwritableReason(dir: string): Promise<string | undefined> {
  const probe = join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'error';
  }
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
