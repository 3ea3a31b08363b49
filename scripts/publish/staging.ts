import { lstat, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { readRegularFile } from '../diagnostics/project-files.js';
import { basename, dirname, join, sep } from 'node:path';
import type { CleanupRegistry } from '../cleanup/cleanup-registry.js';
import { readManifestOrRefuse, refuseUnowned, type OutFolder } from './out-dir.js';
import { findUnowned, hashFiles, writeOutputManifest, type OwnedFiles } from './output-manifest.js';

/**
 * Outputs are written to a staging folder beside `dist/` and moved into place only when
 * every requested output succeeded; a failure or Ctrl-C leaves `dist/` as it was.
 */
export interface Staging {
  readonly dir: string;
  /**
   * Moves each named entry of the staging folder into the output folder. The old entries are
   * first renamed aside and checked there: if any file among them is not one a build wrote (the
   * manifest does not list it, or it changed since), nothing is replaced (OutDirRefused). Then
   * the new ones are renamed in; if any move fails, the entries already moved are put back as
   * they were. The old ones are deleted only once every new one is in place.
   */
  publish(entries: readonly string[]): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Holds the id of the process that uses a staging folder: a later build leaves it alone while
 * that process runs (removeStaleStaging). The folder is held by the build's clean-up registry from
 * the moment it exists: a stop or a crash discards it, the `.previous` outputs of a publish put back first.
 */
const LOCK = '.lock';
/** A staging folder without a lock is one being created (mkdtemp, then the lock): give it this long. */
const UNLOCKED_GRACE_MS = 60_000;

/**
 * `folder` is what checkOutDir found: which names builds write, and whether the project's own
 * dist/ is taken as builds' for want of a manifest (without it, only what a manifest lists is).
 */
export async function createStaging(outDir: string, folder: OutFolder = { outputNames: [], trustPresent: false }, cleanup?: CleanupRegistry): Promise<Staging> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  // The process id is in the name as well as in the lock: a build killed between the two is still known (removeStaleStaging).
  const dir = await mkdtemp(join(parent, `${stagingPrefix(outDir)}${process.pid}-`));
  const letGo = cleanup?.hold({ what: 'staging', dir, outDir }) ?? (() => undefined);
  await writeFile(join(dir, LOCK), String(process.pid));
  const aside = join(dir, '.previous');
  return {
    dir,
    async publish(entries) {
      await mkdir(outDir, { recursive: true });
      await mkdir(aside);
      // Read again, not taken from checkOutDir: the folder may have changed while the build ran.
      const manifest = await readManifestOrRefuse(outDir);
      const owned = manifest.state === 'listed' ? manifest.files : folder.trustPresent ? undefined : new Map<string, string>();
      const written = await hashFiles(dir, entries);
      const moved: Array<{ entry: string; hadOld: boolean }> = [];
      try {
        for (const entry of entries) {
          const target = join(outDir, entry);
          const hadOld = await exists(target);
          if (hadOld) await rename(target, join(aside, entry));
          moved.push({ entry, hadOld });
        }
        // What was moved aside is what will be deleted: it is checked there, where no one else writes.
        const unowned = await findUnowned(aside, entries, owned);
        if (unowned.length > 0) throw refuseUnowned(outDir, unowned);
        for (const entry of entries) await rename(join(dir, entry), join(outDir, entry));
        await writeOutputManifest(outDir, await ownedAfter(outDir, entries, written, owned, folder.outputNames));
      } catch (e) {
        await rollBack(outDir, dir, aside, moved);
        throw e;
      }
      await rm(dir, { recursive: true, force: true });
      letGo();
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
      letGo();
    },
  };
}

/**
 * The files builds wrote in the folder once `entries` were published: theirs, and those an
 * earlier build listed under the other names and still there. In a dist/ taken as builds' (no
 * manifest listed its files), the other outputs there are listed now, as they are.
 */
async function ownedAfter(
  outDir: string, entries: readonly string[], written: OwnedFiles, owned: OwnedFiles | undefined, outputNames: readonly string[],
): Promise<Map<string, string>> {
  const replaced = new Set(entries);
  const files = new Map<string, string>();
  if (owned) {
    for (const [path, hash] of owned) {
      if (!replaced.has(path.split('/')[0]!) && await exists(join(outDir, path))) files.set(path, hash);
    }
  } else {
    for (const [path, hash] of await hashFiles(outDir, outputNames.filter((name) => !replaced.has(name)))) files.set(path, hash);
  }
  for (const [path, hash] of written) files.set(path, hash);
  return files;
}

/**
 * Makes a folder inside a staging folder; its parent must exist. Never `mkdir -p` there: a
 * write still under way when a stopped build removed its staging folder would make the
 * folder again, after the clean-up had looked. Made one level at a time, such a late write
 * fails (ENOENT) instead.
 */
export async function makeFolder(path: string): Promise<void> {
  await mkdir(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}

/** Makes each folder below `base` (which must exist) that `paths` need, parents first, as makeFolder does. */
export async function makeFoldersBelow(base: string, paths: Iterable<string>): Promise<void> {
  const levels = new Set<string>();
  for (const path of paths) {
    for (let dir = path; dir !== base && dir.startsWith(`${base}${sep}`); dir = dirname(dir)) levels.add(dir);
  }
  // A parent's path is shorter than its children's.
  for (const dir of [...levels].sort((a, b) => a.length - b.length)) await makeFolder(dir);
}

function stagingPrefix(outDir: string): string {
  return `.${basename(outDir)}-staging-`;
}

/** Puts back what publish moved, newest first: the new entry out, the old one in. */
async function rollBack(outDir: string, dir: string, aside: string, moved: ReadonlyArray<{ entry: string; hadOld: boolean }>): Promise<void> {
  for (const { entry, hadOld } of [...moved].reverse()) {
    const target = join(outDir, entry);
    // The new entry is taken out unless it never arrived (it is still in the staging folder).
    if (!await exists(join(dir, entry))) await rename(target, join(dir, entry)).catch(() => undefined);
    if (hadOld) await rename(join(aside, entry), target).catch(() => undefined);
  }
}

/**
 * Deletes staging folders that an interrupted or killed build left behind: those whose lock
 * (or, without a lock, whose name) names a process that no longer runs, and other unlocked ones
 * older than a minute. A folder whose process still runs (another build, right now) is left alone.
 * What a publish had moved aside and not replaced yet (killed between the two: it may still be
 * files no build wrote, not yet checked) is first put back, as a stop's clean-up does.
 */
export async function removeStaleStaging(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const prefix = stagingPrefix(outDir);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(parent, name);
    // The lock's id, else the one in the name (a folder a late write made again has no lock).
    const lock = await readRegularFile(join(dir, LOCK), LOCK, 'other').then((b) => b.toString('utf8'), () => name.slice(prefix.length).split('-')[0]!);
    const pid = Number.parseInt(lock, 10);
    const stale = Number.isInteger(pid) && pid > 0
      ? !isRunning(pid)
      : Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? 0) > UNLOCKED_GRACE_MS;
    if (!stale) continue;
    for (const entry of await readdir(join(dir, '.previous')).catch(() => [] as string[])) {
      if (!await exists(join(outDir, entry))) await rename(join(dir, '.previous', entry), join(outDir, entry)).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}
