import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { projectFileState } from '../diagnostics/project-files.js';
import { listingState, type ReadLog } from '../diagnostics/read-log.js';
import { CACHE_DIR } from './build-cache.js';
import { contentHash } from './content-hash.js';
import { diskStore, type ContentStore } from './content-store.js';
import { installedPackages, pipelineIdentity } from './pipeline-version.js';

/**
 * The last successful build into an output folder: everything it was made from (its inputs)
 * and what it printed (its result), kept in `.cache/builds/` under the folder's path. A build
 * whose inputs are all what they were may print that result and write nothing (the CLI's
 * "nothing changed"). Any doubt (no record, a damaged one, one of another pipeline) is a build.
 */
export interface BuildRecord<Result> {
  readonly version: typeof RECORD_VERSION;
  readonly root: string;
  readonly outDir: string;
  readonly inputs: BuildInputs;
  /** The output folder as the build left it (publish/output-manifest.ts checks it still is). */
  readonly outputs: { readonly names: readonly string[]; readonly files: Readonly<Record<string, string>> };
  readonly result: Result;
}

/** What a build's outputs depend on besides the code: its options, environment and every file and folder it read. */
export interface BuildInputs {
  readonly options: BuildOptionsKey;
  /** The pipeline's own code (scripts/, package.json, the lock): pipelineIdentity. */
  readonly pipeline: string;
  /** The packages installed in node_modules (the fonts come from @fontsource packages). */
  readonly packages: string;
  readonly env: Readonly<Record<string, string | null>>;
  /** Path relative to the project → what reading it gave (diagnostics/read-log.ts). */
  readonly files: Readonly<Record<string, string>>;
  readonly listings: Readonly<Record<string, string>>;
  /** The browser that printed, by its file's identity: one updated in place prints otherwise. */
  readonly browser?: { readonly path: string; readonly identity: string };
}

/** The options that change what a build writes (--strict, --quiet only change what the CLI says). */
export interface BuildOptionsKey {
  readonly only: readonly string[];
  readonly press: boolean;
}

/** Bumped when the record's shape changes (a pipeline change alone already invalidates every record). */
export const RECORD_VERSION = 1;
const KIND = 'builds';

/**
 * The environment the build reads: the date it stamps (SOURCE_DATE_EPOCH), how it finds its
 * browser, and PTR_KEEP_PRINT_DIR (a build that must write the print's work folder).
 */
const ENVIRONMENT = ['SOURCE_DATE_EPOCH', 'PUPPETEER_EXECUTABLE_PATH', 'PTR_BROWSER', 'PTR_SYSTEM_BROWSERS', 'PTR_KEEP_PRINT_DIR'] as const;

/** Reading and hashing a few files at a time: quicker than one by one, never hundreds of handles. */
const AT_ONCE = 16;

export function optionsKey(only: readonly string[], press: boolean): BuildOptionsKey {
  return { only: [...new Set(only)].sort(), press };
}

/** The inputs of a build that has just run, from its read log; `pipeline`: its cache's pipelineVersion. */
export async function recordedInputs(options: BuildOptionsKey, log: ReadLog, browserPath?: string, pipeline?: string): Promise<BuildInputs> {
  const sorted = (map: ReadonlyMap<string, string>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    options,
    pipeline: await pipelineIdentity(pipeline),
    packages: await installedPackages(),
    env: environment(),
    files: sorted(log.files),
    listings: sorted(log.listings),
    browser: browserPath ? { path: browserPath, identity: await fileIdentity(browserPath) } : undefined,
  };
}

/**
 * Whether a build with `options` now would read exactly what the recorded one read: the same
 * options, code, packages, environment and browser, every folder listing the same names and
 * every file the same bytes (or missing, or refused, as it was). Cheapest checks first.
 */
export async function inputsUnchanged(root: string, recorded: BuildInputs, options: BuildOptionsKey): Promise<boolean> {
  return await changedInput(root, recorded, options) === undefined;
}

/** The first input found changed since the recorded build, in words (for --verbose), or undefined when none is. */
export async function changedInput(root: string, recorded: BuildInputs, options: BuildOptionsKey): Promise<string | undefined> {
  // Asked for the print's work folder: only a build writes it.
  if (process.env.PTR_KEEP_PRINT_DIR) return 'PTR_KEEP_PRINT_DIR asks for the print\'s work folder';
  if (JSON.stringify(recorded.options) !== JSON.stringify(options)) return 'other options (--only, --press) than the last build\'s';
  const env = environment();
  const variable = Object.keys({ ...recorded.env, ...env }).find((name) => recorded.env[name] !== env[name]);
  if (variable) return `${variable} changed`;
  if (recorded.browser && await fileIdentity(recorded.browser.path) !== recorded.browser.identity) return `the browser ${recorded.browser.path} changed`;
  if (recorded.packages !== await installedPackages()) return 'the installed packages changed';
  if (recorded.pipeline !== await pipelineIdentity()) return 'the pipeline\'s code changed';
  for (const [dir, state] of Object.entries(recorded.listings)) {
    if (listingState(await readdir(join(root, dir)).catch(() => undefined)) !== state) return `the files in ${dir}/ changed`;
  }
  // Newest first: the file just edited is usually the one that changed, found before the rest are hashed.
  const files = await newestFirst(root, Object.entries(recorded.files));
  let next = 0;
  let changed: string | undefined;
  const worker = async (): Promise<void> => {
    for (let i = next++; changed === undefined && i < files.length; i = next++) {
      const [path, state] = files[i]!;
      if (await projectFileState(root, path) !== state) changed ??= `${path} changed`;
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, files.length) }, worker));
  return changed;
}

/** `files` ordered by their modification time, newest first (a file that cannot be read keeps its place last). */
async function newestFirst(root: string, files: Array<[string, string]>): Promise<Array<[string, string]>> {
  const times = await Promise.all(files.map(([path]) => stat(join(root, path)).then((info) => Math.max(info.mtimeMs, info.ctimeMs), () => -1)));
  return files.map((file, i) => [file, times[i]!] as const).sort((a, b) => b[1] - a[1]).map(([file]) => file);
}

/** Keeps the record of a build into `record.outDir` (replacing the one before). */
export async function writeBuildRecord<Result>(store: ContentStore, record: Omit<BuildRecord<Result>, 'version'>): Promise<void> {
  await store.write(KIND, recordKey(record.root, record.outDir), JSON.stringify({ version: RECORD_VERSION, ...record }));
}

/** The record of the last build of `root` into `outDir`, or undefined (none, damaged, another version or place). */
export async function readBuildRecord<Result>(root: string, outDir: string): Promise<BuildRecord<Result> | undefined> {
  const bytes = await diskStore(join(root, CACHE_DIR)).read(KIND, recordKey(root, outDir));
  if (!bytes) return undefined;
  const record = JSON.parse(bytes.toString('utf8')) as Partial<BuildRecord<Result>> | null;
  if (record?.version !== RECORD_VERSION || record.root !== root || record.outDir !== outDir || !record.inputs || !record.outputs) return undefined;
  return record as BuildRecord<Result>;
}

function recordKey(root: string, outDir: string): string {
  return contentHash(KIND, root, outDir);
}

function environment(): Record<string, string | null> {
  return Object.fromEntries(ENVIRONMENT.map((name) => [name, process.env[name] ?? null]));
}

/** A file's identity by its metadata (size, modification, inode): a browser's binary is too large to hash each time. */
async function fileIdentity(path: string): Promise<string> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  return info ? `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}` : 'missing';
}
