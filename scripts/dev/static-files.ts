import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentType } from 'mime-types';

/**
 * The file a URL path names inside `dir`, or undefined. `..`, encoded or not, never leaves
 * `dir`; a folder means its index.html.
 */
export async function resolveStatic(dir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(dir, decoded));
  if (full !== dir && !full.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  if (info?.isDirectory()) return resolveStatic(dir, `${decoded.replace(/\/?$/, '/')}index.html`);
  return info?.isFile() ? full : undefined;
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
