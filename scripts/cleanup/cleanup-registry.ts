import { releaseSync, type HeldResource } from './release-resources.js';

export type { HeldResource } from './release-resources.js';

/**
 * The one clean-up registry of a build (issue 26): every resource that must not outlive it (the
 * browser's process group, the staging folder, temporary folders) is held here from the moment
 * it exists, and whatever ends the build — its end, a failure, an abort, Ctrl-C, a crash's
 * exit — releases what is still held, through the same releases (release-resources.js). An
 * owner that ends its resource itself (a browser closed, a staging folder published) lets go.
 */
export interface CleanupRegistry {
  /** Holds `resource` until released; the function returned lets it go (its owner ended it). */
  hold(resource: HeldResource): () => void;
  /** Releases every resource still held, newest first, synchronously: safe in an 'exit' listener. */
  releaseAll(): void;
  /** What is held now, oldest first (the stop watchdog keeps a copy: it may run while this thread is busy). */
  held(): readonly HeldResource[];
  /** Tells `listener` each time what is held changes; returns the function that stops it. */
  watch(listener: (held: readonly HeldResource[]) => void): () => void;
}

export function createCleanupRegistry(): CleanupRegistry {
  const resources = new Set<HeldResource>();
  const listeners = new Set<(held: readonly HeldResource[]) => void>();
  const changed = () => {
    const now = [...resources];
    for (const listener of listeners) listener(now);
  };
  return {
    hold(resource) {
      resources.add(resource);
      changed();
      return () => {
        if (resources.delete(resource)) changed();
      };
    },
    releaseAll() {
      if (resources.size === 0) return;
      // Newest first: a browser started for a staged output ends before its folder goes.
      for (const resource of [...resources].reverse()) {
        resources.delete(resource);
        releaseSync(resource);
      }
      changed();
    },
    held: () => [...resources],
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
