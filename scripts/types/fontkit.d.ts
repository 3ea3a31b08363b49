// fontkit ships no types; the build uses only openSync and per-glyph advance widths.
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
