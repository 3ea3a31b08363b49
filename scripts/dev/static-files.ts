import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, isAbsolute, sep } from 'node:path';
import { contentType } from 'mime-types';

/** What a URL path names in the served folder. */
export type StaticFile =
  /** `path`: the file as the URL names it (its type is that name's), not where a link leads. */
  | { readonly kind: 'file'; readonly path: string; readonly body: Buffer }
  | { readonly kind: 'missing' }
  /** It exists but is not served: a link that leads out of the folder, a FIFO, a device, a socket. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The regular file a URL path names inside `dir`, with its bytes. `..`, encoded or not, never
 * leaves `dir`; a folder means its index.html; a symbolic link is served only when it resolves
 * (realpath, every link on the way) to a regular file inside `dir`. The file is opened without
 * following a link swapped in since, and without blocking (a FIFO would wait for a writer), and
 * checked again on the open handle before it is read.
 */
export async function readStatic(dir: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return MISSING;
  }
  if (decoded.includes('\0')) return MISSING;
  return readInside(dir, decoded);
}

/** `readStatic` of a path already decoded (once: `%2525` is `%25` here, never `%`). */
async function readInside(dir: string, decoded: string): Promise<StaticFile> {
  const full = normalize(join(dir, decoded));
  if (!inside(dir, full)) return MISSING;
  const [base, real] = await Promise.all([realpath(dir).catch(() => undefined), realpath(full).catch(() => undefined)]);
  if (base === undefined || real === undefined) return MISSING;
  if (!inside(base, real)) return { kind: 'refused', reason: 'it is a link that leads out of the served folder' };
  const info = await stat(real).catch(() => undefined);
  if (info === undefined) return MISSING;
  if (info.isDirectory()) return readInside(dir, `${decoded.replace(/\/?$/, '/')}index.html`);
  if (!info.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return MISSING;
  try {
    if (!(await handle.stat()).isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
    return { kind: 'file', path: full, body: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

const MISSING: StaticFile = { kind: 'missing' };

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

export function contentTypeOf(path: string): string {
  return contentType(extname(path).toLowerCase()) || 'application/octet-stream';
}

/** The site path a URL path names (`/part-1/x/` → `part-1/x/index.html`), or undefined. */
export function sitePathOf(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').includes('..')) return undefined;
  const path = decoded.replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return /\.[a-z0-9]+$/i.test(path) ? path : `${path}/index.html`;
}
