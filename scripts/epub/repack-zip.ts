import JSZip from 'jszip';

const ALREADY_COMPRESSED = /\.(png|jpe?g|woff2?)$/i;

/**
 * Writes an EPUB container reproducibly: `mimetype` first and stored, then every other entry
 * in sorted order, all with one fixed date, so the same sources give byte-identical files.
 */
export async function repackZip(files: ReadonlyMap<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  // JSZip stores local times: shift so the DOS timestamp reads the same in every time zone.
  const fixed = new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE', date: fixed });
  for (const name of [...files.keys()].filter((n) => n !== 'mimetype').sort()) {
    // PNG and WOFF2 are compressed already: deflating them again costs time and saves nothing.
    const options = ALREADY_COMPRESSED.test(name) ? { compression: 'STORE' as const } : { compression: 'DEFLATE' as const, compressionOptions: { level: 9 } };
    zip.file(name, files.get(name)!, { ...options, date: fixed, createFolders: false });
  }
  return zip.generateAsync({ type: 'uint8array', platform: 'UNIX', streamFiles: false });
}

export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) files.set(name, await entry.async('uint8array'));
  }
  return files;
}
