import JSZip from 'jszip';

/** The files of a ZIP (epub-gen-memory's container, read for the few files the build keeps from it). */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) files.set(name, await entry.async('uint8array'));
  }
  return files;
}
