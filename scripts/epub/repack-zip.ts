import JSZip from 'jszip';

const ALREADY_COMPRESSED = /\.(png|jpe?g|woff2?)$/i;

/**
 * Writes an EPUB container reproducibly: `mimetype` first and stored, then every other entry
 * in sorted order, all with one fixed date, so the same sources give byte-identical files.
 */
export async function repackZip(files: ReadonlyMap<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  return packed(files, date).generateAsync({ type: 'uint8array', platform: 'UNIX', streamFiles: false });
}

/**
 * repackZip in two steps: the entries known early are compressed while the print is under way
 * (the fonts' deflating took longer than the chapters'), and `finish` gives the container with
 * the rest, the same bytes repackZip gives. `files` names every entry; the content of those
 * `finish` is given later is a stand-in. Compressed once, an entry's bytes are reused when the
 * container is written again (JSZip keeps a loaded entry's compressed data when its method is
 * unchanged); an entry given to `finish` that was not named here is packed from scratch.
 */
export async function prepareZip(files: ReadonlyMap<string, Uint8Array | string>, date: Date) {
  const early = await JSZip.loadAsync(await repackZip(files, date));
  return {
    async finish(late: ReadonlyMap<string, Uint8Array | string>): Promise<Uint8Array> {
      if ([...late.keys()].some((name) => !files.has(name))) return repackZip(new Map([...files, ...late]), date);
      const zip = early;
      for (const [name, entry] of Object.entries(zip.files)) Object.assign(entry.options, optionsFor(name));
      // Replacing an entry keeps its place in the zip's order.
      for (const [name, content] of late) zip.file(name, content, { ...optionsFor(name), date: dosDate(date), createFolders: false });
      return zip.generateAsync({ type: 'uint8array', platform: 'UNIX', streamFiles: false });
    },
  };
}

function packed(files: ReadonlyMap<string, Uint8Array | string>, date: Date): JSZip {
  const zip = new JSZip();
  const fixed = dosDate(date);
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE', date: fixed });
  for (const name of [...files.keys()].filter((n) => n !== 'mimetype').sort()) {
    zip.file(name, files.get(name)!, { ...optionsFor(name), date: fixed, createFolders: false });
  }
  return zip;
}

/** JSZip stores local times: shifted so the DOS timestamp reads the same in every time zone. */
function dosDate(date: Date): Date {
  return new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
}

function optionsFor(name: string): JSZip.JSZipFileOptions {
  // PNG and WOFF2 are compressed already: deflating them again costs time and saves nothing.
  if (name === 'mimetype' || ALREADY_COMPRESSED.test(name)) return { compression: 'STORE' };
  return { compression: 'DEFLATE', compressionOptions: { level: 9 } };
}

export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) files.set(name, await entry.async('uint8array'));
  }
  return files;
}
