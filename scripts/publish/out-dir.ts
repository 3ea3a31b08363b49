import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/** Kept in the output folder: the entries builds wrote there, so a later build may replace them. */
export const MANIFEST = '.ptr-outputs.json';

export const DEFAULT_OUT = 'dist';

/** Folders of the project that hold sources (or the tools): an output there would overwrite them. */
const SOURCE_FOLDERS = ['scripts', 'manuscript', 'charts', 'styles', 'tests', 'node_modules', '.git', '.ci'];

/** The output folder cannot be used; the message says why, the hint what to do. */
export class OutDirRefused extends Error {
  constructor(readonly outDir: string, message: string, readonly hint: string) {
    super(message);
    this.name = 'OutDirRefused';
  }
}

/**
 * Refuses an output folder that would replace sources or someone else's files: the project
 * itself or a folder above it, a source folder (or one inside it), or an existing folder holding
 * entries that no build of this book wrote (neither in its manifest nor one of the names this
 * build writes), unless it is the project's own dist/. Paths are compared with their symlinks resolved.
 */
export async function checkOutDir(root: string, outDir: string, outputNames: readonly string[]): Promise<void> {
  const realRoot = await realpath(root);
  const realOut = await realpathOfNew(outDir);
  if (contains(realOut, realRoot)) {
    throw new OutDirRefused(outDir, 'is the project folder or a folder that contains it: publishing there would replace the sources', 'choose an empty folder, e.g. --out dist');
  }
  const first = relative(realRoot, realOut).split(sep)[0]!;
  if (contains(realRoot, realOut) && SOURCE_FOLDERS.includes(first)) {
    throw new OutDirRefused(outDir, `is inside the project's ${first}/ folder, which holds sources`, 'choose a folder of its own, e.g. --out dist');
  }
  const info = await stat(realOut).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new OutDirRefused(outDir, 'is a file, not a folder', 'choose a folder, e.g. --out dist');
  // The project's own dist/ is the build's folder: it may hold an author's notes beside the outputs.
  if (realOut === join(realRoot, DEFAULT_OUT)) return;
  const ours = new Set([...outputNames, MANIFEST, ...await readManifest(realOut)]);
  const foreign = (await readdir(realOut)).filter((name) => !ours.has(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
    throw new OutDirRefused(outDir, `holds files this build did not write (${shown})`, 'choose an empty folder, or move those files elsewhere first');
  }
}

/** Whether `inner` is `outer` or inside it. */
function contains(outer: string, inner: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (path.split(sep)[0] !== '..' && !isAbsolute(path));
}

/** The entries the manifest of an output folder lists (none when it has none or it is unreadable). */
export async function readManifest(outDir: string): Promise<string[]> {
  try {
    const value = JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as { entries?: unknown };
    return Array.isArray(value.entries) ? value.entries.filter((e): e is string => typeof e === 'string' && basename(e) === e) : [];
  } catch {
    return [];
  }
}

/** The real path a folder would have: its nearest existing ancestor resolved, the rest appended. */
async function realpathOfNew(path: string): Promise<string> {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return join(real, ...rest.reverse());
    const parent = dirname(at);
    if (parent === at) return path;
    rest.push(basename(at));
    at = parent;
  }
}
