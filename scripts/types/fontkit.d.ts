// fontkit ships no types; the build opens fonts from a path or from bytes, and reads per-glyph
// advance widths and the character set.
declare module 'fontkit' {
  export function openSync(path: string): unknown;
  export function create(bytes: Uint8Array): unknown;
}
