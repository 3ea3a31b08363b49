import { copyFile, link, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolder } from '../publish/staging.js';
import { WEB_NAMES } from '../chapters/edition-names.js';

/** The report's other editions, offered on the landing page; paths relative to the web folder. */
export interface Download {
  readonly href: string;
  readonly label: string;
  readonly detail: string;
  /** Known when the file was written by the same build; the box then says how large it is. */
  readonly bytes?: number;
}

/**
 * Where the web edition keeps the PDF and ePub: inside it, so that with `web/` as a site's
 * root every link resolves (a link to `../book.pdf` would point above the site and 404).
 */
export const DOWNLOAD_DIR = WEB_NAMES.downloads;

/** The site paths of the PDF and ePub in the web edition. */
export function downloadPaths(output: string): { pdf: string; epub: string } {
  return { pdf: `${DOWNLOAD_DIR}/${output}.pdf`, epub: `${DOWNLOAD_DIR}/${output}.epub` };
}

/** The PDF and ePub of the web edition in `webDir`, with their sizes where the files exist; `pageSize` names the PDF's page (`A4`). */
export async function downloadsIn(webDir: string, output: string, pageSize: string): Promise<Download[]> {
  const size = (path: string) => stat(join(webDir, path)).then((s) => s.size, () => undefined);
  const paths = downloadPaths(output);
  return [
    { href: paths.pdf, label: 'PDF', detail: `${pageSize}, for print and screen`, bytes: await size(paths.pdf) },
    { href: paths.epub, label: 'ePub', detail: 'for e-readers', bytes: await size(paths.epub) },
  ];
}

/**
 * Puts the PDF and ePub built beside the web folder (`<stagingDir>/<output>.pdf`) into it:
 * hard links, which cost no space, or copies where the file system has none. A file this
 * build did not write is left out.
 */
export async function placeDownloads(stagingDir: string, webDir: string, output: string): Promise<void> {
  const paths = downloadPaths(output);
  await makeFolder(join(webDir, DOWNLOAD_DIR));
  await Promise.all([paths.pdf, paths.epub].map(async (path) => {
    const from = join(stagingDir, path.slice(DOWNLOAD_DIR.length + 1));
    if (!(await stat(from).then((s) => s.isFile(), () => false))) return;
    await link(from, join(webDir, path)).catch(() => copyFile(from, join(webDir, path)));
  }));
}

/** `2.4 MB`, `860 KB`: decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
