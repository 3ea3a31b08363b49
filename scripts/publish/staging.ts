import { readdirSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { MANIFEST, readManifest } from './out-dir.js';

/**
 * Outputs are written to a staging folder beside `dist/` and moved into place only when
 * every requested output succeeded; a failure or Ctrl-C leaves `dist/` as it was.
 */
export interface Staging {
  readonly dir: string;
  /**
   * Moves each named entry of the staging folder into the output folder. Each old entry is first
   * renamed aside, then the new one renamed in; if any move fails, the entries already moved
   * are put back as they were. The old ones are deleted only once every new one is in place.
   */
  publish(entries: readonly string[]): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Holds the id of the process that uses a staging folder: a later build leaves it alone while
 * that process runs. (cli/stop-watchdog.js, which cleans up after a Ctrl-C, reads this lock and
 * the `.previous` folder of publish too.)
 */
const LOCK = '.lock';
/** A staging folder without a lock is one being created (mkdtemp, then the lock): give it this long. */
const UNLOCKED_GRACE_MS = 60_000;

export async function createStaging(outDir: string): Promise<Staging> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  // The process id is in the name as well as in the lock: a Ctrl-C between the two still finds it (stop-watchdog.js).
  const dir = await mkdtemp(join(parent, `${stagingPrefix(outDir)}${process.pid}-`));
  await writeFile(join(dir, LOCK), String(process.pid));
  const aside = join(dir, '.previous');
  return {
    dir,
    async publish(entries) {
      await mkdir(outDir, { recursive: true });
      await mkdir(aside);
      const moved: Array<{ entry: string; hadOld: boolean }> = [];
      try {
        for (const entry of entries) {
          const target = join(outDir, entry);
          const hadOld = await exists(target);
          if (hadOld) await rename(target, join(aside, entry));
          moved.push({ entry, hadOld });
          await rename(join(dir, entry), target);
        }
        await writeManifest(outDir, entries);
      } catch (e) {
        await rollBack(outDir, dir, aside, moved);
        throw e;
      }
      await rm(dir, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * This process's staging folders (named with its id), removed at once: what a Ctrl-C'd build
 * made after the stop watchdog had looked (its thread was busy and went on for a moment).
 */
export function removeOwnStagingSync(outDir: string): void {
  const parent = dirname(outDir);
  const own = `${stagingPrefix(outDir)}${process.pid}-`;
  let names: string[] = [];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(own));
  } catch {
    return;
  }
  for (const name of names) rmSync(join(parent, name), { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
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

/** Records the entries builds wrote into the output folder (this build's and the earlier ones still there). */
async function writeManifest(outDir: string, entries: readonly string[]): Promise<void> {
  const earlier = await readManifest(outDir);
  const present = new Set(await readdir(outDir));
  const all = [...new Set([...earlier, ...entries])].filter((e) => present.has(e)).sort();
  const temp = join(outDir, `${MANIFEST}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify({ entries: all }, null, 2)}\n`);
  await rename(temp, join(outDir, MANIFEST));
}

/**
 * Deletes staging folders that an interrupted or killed build left behind: those whose lock
 * (or, without a lock, whose name) names a process that no longer runs, and other unlocked ones
 * older than a minute. A folder whose process still runs (another build, right now) is left alone.
 */
export async function removeStaleStaging(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const prefix = stagingPrefix(outDir);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(parent, name);
    // The lock's id, else the one in the name (a folder a late write made again has no lock).
    const pid = Number.parseInt(await readFile(join(dir, LOCK), 'utf8').catch(() => name.slice(prefix.length).split('-')[0]!), 10);
    const stale = Number.isInteger(pid) && pid > 0
      ? !isRunning(pid)
      : Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? 0) > UNLOCKED_GRACE_MS;
    if (stale) await rm(dir, { recursive: true, force: true });
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
