// fontkit ships no types; the build uses openSync, create (a font already in memory) and per-glyph advance widths.
declare module 'fontkit' {
  export function openSync(path: string): unknown;
  export function create(buffer: Buffer): unknown;
}
