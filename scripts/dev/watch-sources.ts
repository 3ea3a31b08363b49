import { basename, join, relative } from 'node:path';
import { watch } from 'chokidar';

/** What a build reads: the manuscript (book.yaml is in it), the charts and their data, the styles. */
export const WATCHED = ['manuscript', 'charts', 'styles'] as const;

/** Editors' swap, backup and lock files change on every keystroke; they are not sources. */
const IGNORED = /^\.|~$|\.sw[px]$|^#.*#$|\.tmp$/;

/**
 * Calls `onChange` with the changed paths (relative to root) once the burst of events of one
 * save is over: editors write, rename and touch a file several times per save.
 *
 * Only the project's own files are watched: a symbolic link is watched as a link (its target is
 * never read, a linked folder never walked). A link out of the project (`figures/shared -> /usr`)
 * would otherwise be walked whole, gigabytes of it, before the server came up; the build refuses
 * such a link as a source anyway (project-files.ts).
 */
export function watchSources(root: string, onChange: (paths: string[]) => void, settleMs = 15) {
  const watcher = watch(WATCHED.map((d) => `${root}/${d}`), {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (path) => IGNORED.test(basename(path)),
  });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => {
    started = true;
    resolve();
  }));
  watcher.on('all', (_event, path) => {
    // chokidar reports the links it finds while it first walks the folders, ignoreInitial or
    // not: they are not changes (and they would rebuild the book once, just after it was built).
    if (!started) return;
    changed.add(relative(root, path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed.clear();
      onChange(paths);
    }, settleMs);
  });
  return {
    ready,
    /** Every path watched (relative to root, sorted): what the watcher walked, for tests. */
    watchedPaths(): string[] {
      return Object.entries(watcher.getWatched())
        .flatMap(([dir, names]) => names.map((name) => relative(root, join(dir, name))))
        .sort();
    },
    async close(): Promise<void> {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
