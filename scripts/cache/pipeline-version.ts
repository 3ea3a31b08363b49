import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { contentHash } from './content-hash.js';

/** The repository that holds this pipeline (scripts/cache/ → two levels up). */
const PIPELINE_ROOT = join(import.meta.dirname, '..', '..');

/**
 * A hash of the code that turns sources into outputs: every file under scripts/ and the
 * package manifest and lock (dependency versions: shiki, vega, fonts). Any change to the
 * pipeline invalidates every cached result, so a stale cache is never trusted; there is no
 * version constant to forget to bump.
 */
export async function pipelineVersion(): Promise<string> {
  const files = (await listFiles(join(PIPELINE_ROOT, 'scripts'))).sort();
  const parts: Array<string | Buffer> = [];
  for (const file of [...files, join(PIPELINE_ROOT, 'package.json'), join(PIPELINE_ROOT, 'package-lock.json')]) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    parts.push(relative(PIPELINE_ROOT, file), bytes);
  }
  return contentHash(...parts);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? listFiles(path) : Promise.resolve(e.isFile() ? [path] : []);
  }));
  return nested.flat();
}

/**
 * The key of the pipeline's code for the build cache: the hash launch.mjs already made of the
 * same files (and the installed packages) when it started this process, else pipelineVersion.
 * Hashing scripts/ again took ~80 ms of every build (issue 22). The two never collide: a cache
 * entry made under tsx (the tests) is not taken by the bundled CLI, nor the other way round.
 */
export async function pipelineKey(): Promise<string> {
  const launched = (globalThis as Record<symbol, unknown>)[LAUNCHED_WITH];
  return typeof launched === 'string' ? `launch:${launched}` : pipelineVersion();
}

/** Where scripts/cli/launch.mjs leaves the hash it computed of the same files (for its bundle). */
const LAUNCHED_WITH = Symbol.for('python-tech-radar.source-hash');

/**
 * The pipeline's identity for a build record: the hash launch.mjs made of scripts/, package.json
 * and the lock when it started this process (so it is not made twice), else pipelineVersion.
 * The two differ: a record made one way is never taken for the other's. `version`: the
 * pipelineVersion already made (the build cache's), not made again.
 */
export async function pipelineIdentity(version?: string): Promise<string> {
  const launched = (globalThis as Record<symbol, unknown>)[LAUNCHED_WITH];
  return typeof launched === 'string' ? `launch:${launched}` : `sources:${version ?? await pipelineVersion()}`;
}

/**
 * The packages installed in node_modules, by the hash of npm's record of them
 * (node_modules/.package-lock.json, rewritten by every install): a font package updated
 * without a change to package-lock.json is still noticed. "none" without that file.
 */
export async function installedPackages(): Promise<string> {
  const bytes = await readFile(join(PIPELINE_ROOT, 'node_modules', '.package-lock.json')).catch(() => undefined);
  return bytes ? contentHash(bytes) : 'none';
}
