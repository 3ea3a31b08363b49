import { basename, relative } from 'node:path';
import { watch } from 'chokidar';

/** What a build reads: the manuscript (book.yaml is in it), the charts and their data, the styles. */
export const WATCHED = ['manuscript', 'charts', 'styles'] as const;

/** Editors' swap, backup and lock files change on every keystroke; they are not sources. */
const IGNORED = /^\.|~$|\.sw[px]$|^#.*#$|\.tmp$/;

/**
 * Calls `onChange` with the changed paths (relative to root) once the burst of events of one
 * save is over: editors write, rename and touch a file several times per save.
 */
export function watchSources(root: string, onChange: (paths: string[]) => void, settleMs = 15) {
  const watcher = watch(WATCHED.map((d) => `${root}/${d}`), {
    ignoreInitial: true,
    ignored: (path) => IGNORED.test(basename(path)),
  });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    changed.add(relative(root, path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed.clear();
      onChange(paths);
    }, settleMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close(): Promise<void> {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
