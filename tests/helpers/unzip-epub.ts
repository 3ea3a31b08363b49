import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';

/** Unpacks an ePub into `dir` as a reading system would, and returns the folder of its content (OEBPS). */
export async function unzipEpub(epubPath: string, dir: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(epubPath));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const target = join(dir, name);
    if (!target.startsWith(dir)) throw new Error(`zip entry ${name} points outside ${dir}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await entry.async('uint8array'));
  }
  return join(dir, 'OEBPS');
}
