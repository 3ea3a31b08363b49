import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectFileError, readRegularFile } from '../diagnostics/project-files.js';

/**
 * Kept in the output folder: every file builds wrote there (its path inside the folder, `/`
 * between names) with the SHA-256 of its bytes. A build replaces an output only when each file
 * in it is one of these, unchanged: anything else there is someone else's and is never removed.
 */
export const MANIFEST = '.ptr-outputs.json';

/** The files a manifest lists, path → SHA-256 (hex). */
export type OwnedFiles = ReadonlyMap<string, string>;

/** What an output folder's manifest says: its files, or that it has none, or one from before files were listed. */
export type ManifestState =
  | { readonly state: 'none' }
  /** `{"entries": [...]}`, written before manifests listed files and hashes: it cannot tell a file added since. */
  | { readonly state: 'older' }
  | { readonly state: 'listed'; readonly files: OwnedFiles };

/** The manifest is not one a build wrote (a folder, a link, not JSON, a path out of the folder): `reason` says how. */
export class ManifestRefused extends Error {
  constructor(readonly reason: string) {
    super(`its ${MANIFEST} ${reason}`);
    this.name = 'ManifestRefused';
  }
}

/** Reads the manifest of `outDir`; one that no build could have written is refused (ManifestRefused). */
export async function readOutputManifest(outDir: string): Promise<ManifestState> {
  let text: string;
  try {
    text = (await readRegularFile(join(outDir, MANIFEST), MANIFEST, 'outputManifest')).toString('utf8');
  } catch (e) {
    if (e instanceof ProjectFileError && e.problem === 'missing') return { state: 'none' };
    if (e instanceof ProjectFileError) throw new ManifestRefused(e.message.slice(MANIFEST.length + 1));
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManifestRefused('is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestRefused('is not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.version === undefined && Array.isArray(record.entries)) return { state: 'older' };
  if (record.version !== 2 || typeof record.files !== 'object' || record.files === null || Array.isArray(record.files)) {
    throw new ManifestRefused('is not in the format builds write ({"version": 2, "files": {...}})');
  }
  const files = new Map<string, string>();
  for (const [path, hash] of Object.entries(record.files as Record<string, unknown>)) {
    if (!isInsidePath(path)) throw new ManifestRefused(`lists "${path}", which is not a path inside the folder`);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw new ManifestRefused(`lists "${path}" without a SHA-256`);
    files.set(path, hash);
  }
  return { state: 'listed', files };
}

/**
 * A relative path of plain names (no `..`, `.`, empty name, NUL, backslash, leading `/`):
 * what a walk of the folder can produce, so a manifest's other paths could never match a file.
 */
function isInsidePath(path: string): boolean {
  return path.length > 0 && path.split('/').every((name) => name !== '' && name !== '.' && name !== '..' && !name.includes('\0') && !name.includes('\\'));
}

/** Writes the manifest through a new temporary file (never one already there: a planted link is not followed). */
export async function writeOutputManifest(outDir: string, files: OwnedFiles): Promise<void> {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const temp = join(outDir, `${MANIFEST}.${process.pid}.tmp`);
  await rm(temp, { force: true });
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await handle.writeFile(`${JSON.stringify({ version: 2, files: sorted }, null, 2)}\n`);
  } finally {
    await handle.close();
  }
  await rename(temp, join(outDir, MANIFEST));
}

/** One thing in an output folder that a build may not remove: its path and, when not simply unlisted, why. */
export interface Unowned {
  readonly path: string;
  readonly why?: string;
}

/**
 * What under `base/<entry>` (for each entry) a build may not remove: a file the manifest does
 * not list or whose bytes changed since, a symbolic link (never followed: it could lead
 * anywhere), a FIFO, socket or device. `owned` undefined: the files are taken as builds' (the
 * project's own dist/ before its first manifest), and only links and special files are refused.
 * Paths are reported relative to `base`, as the manifest lists them.
 */
export async function findUnowned(base: string, entries: readonly string[], owned: OwnedFiles | undefined): Promise<Unowned[]> {
  const found: Unowned[] = [];
  const listed: string[] = [];
  for (const { path, info } of await walk(base, entries)) {
    if (!info.isFile()) found.push({ path, why: typeName(info) });
    else if (owned && !owned.has(path)) found.push({ path });
    else if (owned) listed.push(path);
  }
  const hashes = await hashAll(base, listed);
  listed.forEach((path, i) => {
    if (hashes[i] !== owned!.get(path)) found.push({ path, why: 'changed since a build wrote it' });
  });
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Every regular file under `base/<entry>` with its SHA-256, as the manifest lists them. */
export async function hashFiles(base: string, entries: readonly string[]): Promise<Map<string, string>> {
  const paths = (await walk(base, entries)).filter((f) => f.info.isFile()).map((f) => f.path);
  const hashes = await hashAll(base, paths);
  return new Map(paths.map((path, i) => [path, hashes[i]!]));
}

/** An output folder as a build left it: the names at its top and the files its manifest lists (path → SHA-256). */
export interface FolderState {
  readonly names: readonly string[];
  readonly files: Readonly<Record<string, string>>;
}

/** The state of an output folder just published (undefined if it has no manifest listing its files). */
export async function outputFolderState(outDir: string): Promise<FolderState | undefined> {
  const manifest = await readOutputManifest(outDir);
  if (manifest.state !== 'listed') return undefined;
  return { names: (await readdir(outDir)).sort(), files: Object.fromEntries([...manifest.files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * Whether `outDir` is still as `state` says: the same names at its top, the same manifest, and
 * under the manifest's entries exactly the files it lists, regular files with those bytes. A
 * file edited, deleted, added or replaced by a link since is a difference.
 */
export async function folderIsAsLeft(outDir: string, state: FolderState): Promise<boolean> {
  const names = (await readdir(outDir).catch(() => undefined))?.sort();
  if (!names || JSON.stringify(names) !== JSON.stringify(state.names)) return false;
  const manifest = await readOutputManifest(outDir).catch(() => undefined);
  if (manifest?.state !== 'listed' || manifest.files.size !== Object.keys(state.files).length) return false;
  for (const [path, hash] of manifest.files) if (!Object.hasOwn(state.files, path) || state.files[path] !== hash) return false;
  const found = await walk(outDir, [...new Set([...manifest.files.keys()].map((path) => path.split('/')[0]!))]);
  if (found.length !== manifest.files.size || found.some((f) => !f.info.isFile() || !manifest.files.has(f.path))) return false;
  const hashes = await hashAll(outDir, found.map((f) => f.path));
  return found.every((f, i) => hashes[i] === manifest.files.get(f.path));
}

/** Everything but folders under `base/<entry>`, found with lstat (a link is a link, never followed). */
async function walk(base: string, entries: readonly string[]): Promise<Array<{ path: string; info: Stats }>> {
  const found: Array<{ path: string; info: Stats }> = [];
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(join(base, path)).catch(() => undefined);
    if (!info) return;
    if (!info.isDirectory()) found.push({ path, info });
    else for (const name of await readdir(join(base, path))) await visit(`${path}/${name}`);
  };
  for (const entry of entries) await visit(entry);
  return found;
}

/** Files hashed a few at a time: quicker than one by one, and never more handles open than that. */
const HASHING_AT_ONCE = 8;

async function hashAll(base: string, paths: readonly string[]): Promise<string[]> {
  const hashes: string[] = new Array<string>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < paths.length; i = next++) hashes[i] = await hashFile(join(base, paths[i]!));
  };
  await Promise.all(Array.from({ length: Math.min(HASHING_AT_ONCE, paths.length) }, worker));
  return hashes;
}

/** The SHA-256 of a regular file, read in pieces from a handle opened without following a link or blocking. */
async function hashFile(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return 'not a regular file';
    const hash = createHash('sha256');
    // Pieces of at most 1 MB: a large PDF is never read whole into memory.
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(info.size, 1024 * 1024)));
    for (let n = await read(); n > 0; n = await read()) hash.update(buffer.subarray(0, n));
    return hash.digest('hex');
    async function read(): Promise<number> {
      return (await handle.read(buffer, 0, buffer.length)).bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function typeName(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/** "a, b, c, d, e, and 3 more". */
export function listSome(items: readonly string[], shown = 5): string {
  return items.slice(0, shown).join(', ') + (items.length > shown ? `, and ${items.length - shown} more` : '');
}

/** How one unowned thing is named in a message: `web/blog/index.html`, `web (a symbolic link)`. */
export function describeUnowned(u: Unowned): string {
  return u.why ? `${u.path} (${u.why})` : u.path;
}
