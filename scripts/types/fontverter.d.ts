// fontverter ships no types; the rasterizer's fonts use only convert (WOFF2 → sfnt).
declare module 'fontverter' {
  const fontverter: { convert(font: Uint8Array, format: 'sfnt' | 'truetype' | 'woff' | 'woff2'): Promise<Buffer> };
  export default fontverter;
}
