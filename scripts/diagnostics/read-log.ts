import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';

/**
 * What a build read from its project, noted where it is read (project-files.ts), so that a
 * later build can tell that none of it changed (cache/build-record.ts). Each file is noted with
 * what reading it gave: the SHA-256 of its bytes, or why it could not be read ("missing", or a
 * refusal such as "refused:too-large": a file that appears later must be noticed too); each
 * folder listing with the hash of its names.
 *
 * Logs are kept per project (by its real path), not per call chain: a read made by anything
 * in this process for that project lands in every log open for it. A log may then hold more
 * than its build read, never less: more only costs a check.
 */
export interface ReadLog {
  /** Path as the reader named it (relative to the root, `/` between names) → state. */
  readonly files: ReadonlyMap<string, string>;
  /** Folder (relative to the root) → hash of its sorted names, or "unreadable". */
  readonly listings: ReadonlyMap<string, string>;
  /** Stops noting (always call it: an open log keeps growing). */
  stop(): void;
}

/** What a path read twice with different results is noted as: no later check can match it. */
export const CHANGED_DURING_BUILD = 'changed during the build';

interface OpenLog {
  readonly files: Map<string, string>;
  readonly listings: Map<string, string>;
}

const open = new Map<string, Set<OpenLog>>();

export function startReadLog(root: string): ReadLog {
  const key = realRoot(root);
  const log: OpenLog = { files: new Map(), listings: new Map() };
  if (!open.has(key)) open.set(key, new Set());
  open.get(key)!.add(log);
  return {
    files: log.files,
    listings: log.listings,
    stop() {
      const logs = open.get(key);
      logs?.delete(log);
      if (logs?.size === 0) open.delete(key);
    },
  };
}

/** Notes that reading `path` gave `state` (a content hash, "missing", "refused:<kind>"). */
export function noteFile(root: string, path: string, state: string): void {
  note(root, 'files', path, state);
}

/** Notes the names a folder listing gave (undefined: it could not be listed). */
export function noteListing(root: string, dir: string, names: readonly string[] | undefined): void {
  note(root, 'listings', dir, listingState(names));
}

/** The state a file's bytes are noted with. */
export function fileState(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The state a folder's names are noted with (their order does not matter). */
export function listingState(names: readonly string[] | undefined): string {
  if (!names) return 'unreadable';
  return createHash('sha256').update([...names].sort().join('\0')).digest('hex');
}

function note(root: string, kind: 'files' | 'listings', path: string, state: string): void {
  // Nothing is noted (and no path resolved) unless a build is listening.
  if (open.size === 0) return;
  const logs = open.get(realRoot(root));
  if (!logs) return;
  for (const log of logs) {
    const before = log[kind].get(path);
    log[kind].set(path, before === undefined || before === state ? state : CHANGED_DURING_BUILD);
  }
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}
