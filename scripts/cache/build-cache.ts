import { join } from 'node:path';
import { diskStore, noStore, unwritableReason, type ContentStore } from './content-store.js';
import { pipelineKey } from './pipeline-version.js';

/**
 * What one build (or a long `dev` session of many builds) may reuse: results on disk keyed by
 * content, and, within one process, expensive objects such as the code highlighter.
 */
export interface BuildCache {
  readonly enabled: boolean;
  readonly store: ContentStore;
  /** Hash of the pipeline's own code; part of every key. */
  readonly pipeline: string;
  /** Entries found damaged since the last call (`<kind>/<key>` under .cache/), each once; they were made again. */
  takeDamaged(): string[];
  /** Why the cache folder cannot be written (an error code such as EACCES), once per cache: the build goes on without it. */
  takeUnwritable(): string | undefined;
  /** The value made once for `key` in this cache's lifetime (in memory only). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export const CACHE_DIR = '.cache';
/** Entries unused this long are deleted when a cache is opened: every pipeline change orphans some. */
const UNUSED_FOR = 14 * 24 * 60 * 60 * 1000;

/** `dir` puts the store elsewhere than `<root>/.cache/` (the tests' build keeps the repository's cache out of it). */
export async function openBuildCache(root: string, options: { enabled: boolean; dir?: string }): Promise<BuildCache> {
  const made = new Map<string, Promise<unknown>>();
  const damaged: string[] = [];
  const dir = options.dir ?? join(root, CACHE_DIR);
  // A cache folder that cannot be written (read-only, or a file) is no error: the build goes on without it, with a warning.
  let unwritable = options.enabled ? await unwritableReason(dir) : undefined;
  const enabled = options.enabled && unwritable === undefined;
  const store = enabled ? diskStore(dir, (entry) => damaged.push(entry), (code) => { unwritable ??= code; }) : noStore;
  await store.prune(UNUSED_FOR);
  let told = false;
  return {
    enabled,
    store,
    pipeline: await pipelineKey(),
    takeDamaged: () => damaged.splice(0),
    takeUnwritable() {
      if (told || unwritable === undefined) return undefined;
      told = true;
      return unwritable;
    },
    memo<T>(key: string, make: () => Promise<T>): Promise<T> {
      if (!made.has(key)) {
        const value = make();
        // A failed make is not remembered: the next build tries again.
        value.catch(() => made.delete(key));
        made.set(key, value);
      }
      return made.get(key) as Promise<T>;
    },
  };
}

/** How many results a stage took from the cache and how many it made. */
export interface CacheUse {
  readonly reused: number;
  readonly made: readonly string[];
}
