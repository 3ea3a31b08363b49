import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { MANIFEST, ManifestRefused, describeUnowned, findUnowned, listSome, readOutputManifest, type ManifestState, type Unowned } from './output-manifest.js';

export { MANIFEST };

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

/** What the build may do in its output folder, found by checkOutDir before any work. */
export interface OutFolder {
  /** Every name a build writes at the folder's top (all outputs, not only this build's). */
  readonly outputNames: readonly string[];
  /**
   * The project's own dist/ without a manifest listing its files (made before manifests did):
   * what is there under the output names is taken as builds' (README: dist/ is the build's).
   * Everywhere else, and in a dist/ with such a manifest, only the files it lists are.
   */
  readonly trustPresent: boolean;
}

const DELETE_HINT = 'choose an empty folder, or delete those files yourself first: a build never removes a file it did not write';

/**
 * Refuses an output folder that would replace sources or someone else's files, before any
 * work: the project itself or a folder above it, a source folder (or one inside it), or an
 * existing folder holding anything no build wrote (its manifest does not list it, it changed
 * since, or it is a link or a special file) under the names this build writes or, unless it is
 * the project's own dist/, beside them. Paths are compared with their symlinks resolved.
 */
export async function checkOutDir(root: string, outDir: string, outputNames: readonly string[]): Promise<OutFolder> {
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
  if (!info) return { outputNames, trustPresent: false };
  if (!info.isDirectory()) throw new OutDirRefused(outDir, 'is a file, not a folder', 'choose a folder, e.g. --out dist');
  const manifest = await readManifestOrRefuse(outDir, realOut);
  // The project's own dist/ is the build's folder: it may hold an author's notes beside the outputs.
  const ownDist = realOut === join(realRoot, DEFAULT_OUT);
  const trustPresent = ownDist && manifest.state !== 'listed';
  const listed = manifest.state === 'listed' ? manifest.files : new Map<string, string>();
  const beside: Unowned[] = [];
  if (!ownDist) {
    const ours = new Set([...outputNames, MANIFEST, ...[...listed.keys()].map((path) => path.split('/')[0]!)]);
    beside.push(...(await readdir(realOut)).filter((name) => !ours.has(name)).map((path) => ({ path })));
  }
  const unowned = [...beside, ...await findUnowned(realOut, outputNames, trustPresent ? undefined : listed)].sort((a, b) => (a.path < b.path ? -1 : 1));
  if (unowned.length > 0) {
    throw new OutDirRefused(outDir, `holds files this build did not write (${listSome(unowned.map(describeUnowned))})`,
      manifest.state === 'older' ? `its ${MANIFEST} is from an earlier version, which did not list the files: delete the outputs yourself once, or choose an empty folder` : DELETE_HINT);
  }
  return { outputNames, trustPresent };
}

/** The folder's manifest; one no build could have written refuses the folder. */
export async function readManifestOrRefuse(outDir: string, realOut = outDir): Promise<ManifestState> {
  try {
    return await readOutputManifest(realOut);
  } catch (e) {
    if (!(e instanceof ManifestRefused)) throw e;
    throw new OutDirRefused(outDir, `${e.message}: no build wrote it`, `choose an empty folder, or delete ${MANIFEST} and the outputs yourself`);
  }
}

/** A folder whose files publishing would remove though no build wrote them (found after the build, by publish). */
export function refuseUnowned(outDir: string, unowned: readonly Unowned[]): OutDirRefused {
  return new OutDirRefused(outDir, `holds files this build did not write (${listSome(unowned.map(describeUnowned))})`, DELETE_HINT);
}

/** Whether `inner` is `outer` or inside it. */
function contains(outer: string, inner: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (path.split(sep)[0] !== '..' && !isAbsolute(path));
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
