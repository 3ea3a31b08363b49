import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * `node_modules/.cache/python-tech-radar/`: what the pipeline derives from installed packages
 * (a compiled schema validator, font metrics), kept like a compiler's cache. Each file's name
 * carries the hash of what it was made from, so a new package version makes a new file.
 */
const TOOL_CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'python-tech-radar');

export function toolCachePath(name: string): string {
  return join(TOOL_CACHE, name);
}

/**
 * Writes a file to the tool cache through a temporary name, so a reader never sees half of it.
 * A read-only node_modules is no error: the caller computes the value again next time.
 */
export async function keepInToolCache(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    // Unique per write: two stages of one build may keep the same file at once.
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, text);
    await rename(temp, path);
  } catch {
    // not kept
  }
}

/** A file kept in the tool cache, or undefined when it is not there (or cannot be read). */
export async function readFromToolCache(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    return undefined;
  }
}
