import { createHash } from 'node:crypto';

/**
 * A SHA-256 over several inputs. Each part is length-prefixed, so ("ab", "c") and ("a", "bc")
 * never hash alike: a cache key must change whenever any one input changes.
 */
export function contentHash(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
