import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FILE_BYTES } from './file-limits.js';
import { fileState, noteFile, noteListing } from './read-log.js';

/** What a source file is, for its size limit (FILE_BYTES, part of LIMITS) and the hint when it is over it. */
export type FileKind = keyof typeof FILE_BYTES;

/**
 * Why a project file could not be read: it is not there, it (or a link on its way) leads out of
 * the project, it is not a regular file (a FIFO would block the build forever, a folder or a
 * device has no text), or it is larger than its kind may be.
 */
export class ProjectFileError extends Error {
  constructor(readonly path: string, readonly problem: 'missing' | 'outside' | 'not-regular' | 'too-large', message: string, private readonly fileKind: FileKind = 'other') {
    super(message);
    this.name = 'ProjectFileError';
  }

  /** What the author can do about it. */
  // biome-ignore lint/suspicious/useGetterReturn: the switch covers every problem (tsc checks it is exhaustive)
  get hint(): string {
    switch (this.problem) {
      case 'outside': return 'the build reads only files inside the project: copy the file into the project instead of linking to it';
      case 'not-regular': return `the build reads only regular files: put the file itself at ${this.path}`;
      case 'too-large': return TOO_LARGE_HINTS[this.fileKind];
      case 'missing': return `create ${this.path}, or fix the reference to it`;
    }
  }

  /** The rule id of the diagnostic that reports it. */
  get ruleId(): string {
    return { missing: 'file-missing', outside: 'outside-project', 'not-regular': 'not-regular-file', 'too-large': 'file-too-large' }[this.problem];
  }
}

const TOO_LARGE_HINTS: Record<FileKind, string> = {
  chapter: 'split it into several chapters (manuscript/book.yaml lists them)',
  figure: 'simplify the drawing or optimise the SVG (e.g. with svgo): fewer points, no embedded images',
  styleSheet: 'keep only the rules the book uses',
  data: 'a source of the book is written by hand: keep only what the book shows',
  surveyExport: 'export only the questions the report uses',
  other: 'keep large files out of the project',
  outputManifest: 'it is not one a build wrote: delete it and the outputs yourself, or choose an empty folder',
  cacheEntry: 'delete .cache/ (it is made again)',
};

const KIND_NAMES: Record<FileKind, string> = {
  chapter: 'a chapter', figure: 'an SVG figure', styleSheet: 'a style sheet', data: 'a data file',
  surveyExport: 'a survey export', other: 'a file', outputManifest: 'an output manifest', cacheEntry: 'a cache entry',
};

/** The kind of a source by its name: what the build reads from each path. */
export function fileKindOf(path: string): FileKind {
  if (path.endsWith('.md')) return 'chapter';
  if (path.endsWith('.svg')) return 'figure';
  if (path.endsWith('.css')) return 'styleSheet';
  if (path.endsWith('.yaml') || path.endsWith('.yml') || path.endsWith('.json')) return 'data';
  if (path.endsWith('.csv')) return 'surveyExport';
  return 'other';
}

/**
 * The one way the build reads a source file: `path` (relative to the project root) is resolved
 * with every symlink on its way and must still be inside the project's real root. A chapter, a
 * figure, a chart spec or a style sheet that is a link to a system file is refused, not read.
 * The file is opened without blocking and without following a link, and what was opened is
 * checked (fstat on the handle, so nothing can be swapped in between): only a regular file no
 * larger than its kind's limit (FILE_BYTES, by `fileKindOf(path)`) is read.
 */
export async function readProjectFile(root: string, path: string): Promise<Buffer>;
export async function readProjectFile(root: string, path: string, encoding: 'utf8'): Promise<string>;
export async function readProjectFile(root: string, path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(resolveProjectPath(root, path), shownPath(path), fileKindOf(path));
  } catch (e) {
    noteFailure(root, path, e);
    throw e;
  }
  noteFile(root, path, fileState(bytes));
  return encoding ? bytes.toString(encoding) : bytes;
}

/**
 * What reading `path` gives now, as a build's read log notes it (read-log.ts): the hash of
 * its bytes, "missing" or "refused:<why>"; for a later build to tell whether it changed.
 */
export async function projectFileState(root: string, path: string): Promise<string> {
  try {
    return fileState(await readRegularFile(resolveProjectPath(root, path), shownPath(path), fileKindOf(path)));
  } catch (e) {
    if (e instanceof ProjectFileError) return failureState(e);
    throw e;
  }
}

/** Notes a project file a reader read itself (the survey export's CSV parser, after resolveProjectFile). */
export function noteProjectFileRead(root: string, path: string, bytes: Uint8Array | string): void {
  noteFile(root, path, fileState(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes));
}

/**
 * The names in a project folder (`dir` relative to the root), noted in the build's read log:
 * a chapter or a data file added there is a change. Rejects as readdir does.
 */
export async function listProjectDir(root: string, dir: string): Promise<string[]> {
  try {
    const names = await readdir(join(root, dir));
    noteListing(root, dir, names);
    return names;
  } catch (e) {
    noteListing(root, dir, undefined);
    throw e;
  }
}

function noteFailure(root: string, path: string, e: unknown): void {
  if (e instanceof ProjectFileError) noteFile(root, path, failureState(e));
}

function failureState(e: ProjectFileError): string {
  return e.problem === 'missing' ? 'missing' : `refused:${e.problem}`;
}

/**
 * The real path of a project file, refused (ProjectFileError) when missing, outside the project,
 * not a regular file or over its size limit. For a reader that must open the file itself (the
 * survey export's CSV parser): it is checked as readProjectFile checks it, but it could be
 * replaced between this check and that read; readProjectFile has no such gap.
 */
export async function resolveProjectFile(root: string, path: string): Promise<string> {
  const real = resolveProjectPath(root, path);
  const handle = await openChecked(real, shownPath(path), fileKindOf(path));
  await handle.handle.close();
  return real;
}

/** The same checks for the few readers that run synchronously (the brand tokens). */
export function readProjectFileSync(root: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readProjectBytesSync(root, path);
  } catch (e) {
    noteFailure(root, path, e);
    throw e;
  }
  noteFile(root, path, fileState(bytes));
  return bytes.toString('utf8');
}

function readProjectBytesSync(root: string, path: string): Buffer {
  const real = resolveProjectPath(root, path);
  const shown = shownPath(path);
  const kind = fileKindOf(path);
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (e) {
    throw openError(e, shown, () => lstatSync(real, { throwIfNoEntry: false }));
  }
  try {
    const info = fstatSync(fd);
    checkOpened(info, shown, kind);
    const buffer = Buffer.alloc(info.size);
    let filled = 0;
    for (let n = -1; filled < buffer.length && n !== 0; filled += n) n = readSync(fd, buffer, filled, buffer.length - filled, filled);
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a regular file of at most `FILE_BYTES[kind]` bytes from its handle; anything else
 * (a FIFO, a socket, a device, a folder, a link, a larger file) is a ProjectFileError naming
 * `shown`. For files outside the project too (an output folder's manifest).
 */
export async function readRegularFile(path: string, shown: string, kind: FileKind): Promise<Buffer> {
  const { handle, size } = await openChecked(path, shown, kind);
  try {
    // At most the size fstat gave: a file still growing is read as it was when opened.
    const buffer = Buffer.alloc(size);
    let filled = 0;
    for (let n = -1; filled < size && n !== 0; filled += n) n = (await handle.read(buffer, filled, size - filled, filled)).bytesRead;
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** O_NONBLOCK: opening a FIFO returns at once (it would wait for a writer); O_NOFOLLOW: a link swapped in is refused. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

async function openChecked(path: string, shown: string, kind: FileKind): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const info = await lstat(path).catch(() => undefined);
    throw openError(e, shown, () => info);
  }
  try {
    const info = await handle.stat();
    checkOpened(info, shown, kind);
    return { handle, size: info.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function checkOpened(info: Stats, shown: string, kind: FileKind): void {
  if (!info.isFile()) throw new ProjectFileError(shown, 'not-regular', `${shown} is not a regular file (${typeName(info)})`, kind);
  const limit = FILE_BYTES[kind];
  if (info.size > limit) {
    // Just over the limit reads "2 MB" too: then the bytes say it.
    const size = formatBytes(info.size) === formatBytes(limit) ? `${info.size.toLocaleString('en')} bytes` : formatBytes(info.size);
    throw new ProjectFileError(shown, 'too-large', `${shown} is ${size}, larger than the ${formatBytes(limit)} ${KIND_NAMES[kind]} may be`, kind);
  }
}

/** An open that failed: a socket cannot be opened (ENXIO), a link is refused by O_NOFOLLOW (ELOOP). */
function openError(e: unknown, shown: string, info: () => Stats | undefined): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ProjectFileError(shown, 'missing', `${shown} does not exist`);
  if (code === 'ENXIO' || code === 'ELOOP' || code === 'EISDIR') {
    const found = info();
    return new ProjectFileError(shown, 'not-regular', `${shown} is not a regular file${found ? ` (${typeName(found)})` : ''}`);
  }
  return e;
}

function typeName(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

/** 2 MB, 1.5 MB, 300 KB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function shownPath(path: string): string {
  return isAbsolute(path) ? path : path.split(sep).join('/');
}

function resolveProjectPath(root: string, path: string): string {
  const shown = shownPath(path);
  const realRoot = realpathSync(root);
  const lexical = resolve(realRoot, path);
  if (!isInside(realRoot, lexical)) throw outside(shown);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    throw new ProjectFileError(shown, 'missing', `${shown} does not exist`);
  }
  if (!isInside(realRoot, real)) throw outside(shown);
  return real;
}

function outside(path: string): ProjectFileError {
  return new ProjectFileError(path, 'outside', `${path} leads outside the project (a symlink or a path out of the project folder)`);
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
