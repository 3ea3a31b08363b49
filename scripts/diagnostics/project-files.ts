import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a project file could not be read: it is not there, or it (or a link on its way) leads out of the project. */
export class ProjectFileError extends Error {
  constructor(readonly path: string, readonly kind: 'missing' | 'outside', message: string) {
    super(message);
    this.name = 'ProjectFileError';
  }

  /** What the author can do about it. */
  get hint(): string {
    return this.kind === 'outside'
      ? 'the build reads only files inside the project: copy the file into the project instead of linking to it'
      : `create ${this.path}, or fix the reference to it`;
  }
}

/**
 * The one way the build reads a source file: `path` (relative to the project root) is resolved
 * with every symlink on its way and must still be inside the project's real root. A chapter, a
 * figure, a chart spec or a style sheet that is a link to a system file is refused, not read.
 */
export async function readProjectFile(root: string, path: string): Promise<Buffer>;
export async function readProjectFile(root: string, path: string, encoding: 'utf8'): Promise<string>;
export async function readProjectFile(root: string, path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  const real = await resolveProjectFile(root, path);
  return encoding ? readFile(real, encoding) : readFile(real);
}

/** The real path of a project file, refused (ProjectFileError) when missing or outside the project. */
export async function resolveProjectFile(root: string, path: string): Promise<string> {
  return resolveProjectFileSync(root, path);
}

/** The same check for the few readers that run synchronously (the brand tokens). */
export function readProjectFileSync(root: string, path: string): string {
  return readFileSync(resolveProjectFileSync(root, path), 'utf8');
}

function resolveProjectFileSync(root: string, path: string): string {
  const shown = isAbsolute(path) ? path : path.split(sep).join('/');
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
