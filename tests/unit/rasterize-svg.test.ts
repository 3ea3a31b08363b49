import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { rasterizeSvgs, withFaceRuns } from '../../scripts/render/rasterize-svg.js';
import { extendedFamily, rasterFonts } from '../../scripts/fonts/raster-fonts.js';
import { decodeBrandFaces } from '../../scripts/fonts/brand-sfnt.js';
import { readBrand } from '../../scripts/brand/brand.js';

const FONTS = readBrand(join(import.meta.dirname, '..', '..')).fonts;
import { CHART_SCALE } from '../../scripts/render/raster-image.js';

/** Dark pixels in a PNG drawn black on white: how much ink the text took. */
function ink(png: Uint8Array): number {
  const { data } = PNG.sync.read(Buffer.from(png));
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark += 1;
  return dark;
}

const line = (text: string, weight: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-family="Inter" font-size="28" font-weight="${weight}" fill="#000">${text}</text></svg>`;

describe('the in-process rasterizer (resvg with the brand faces)', () => {
  it('names each latin-ext file apart and runs its characters in it', async () => {
    const fonts = await rasterFonts(new Set(['Inter']), await decodeBrandFaces(FONTS));
    expect(new Set(fonts.map((f) => f.family))).toEqual(new Set(['Inter', extendedFamily('Inter')]));
    const svg = withFaceRuns(line('Łukasz', 600), fonts, 'Inter');
    expect(svg).toContain(`<tspan font-family="${extendedFamily('Inter')}">Ł</tspan>ukasz`);
    // Latin text is passed through as written.
    expect(withFaceRuns(line('Python 3.9 – 52%', 600), fonts, 'Inter')).toBe(line('Python 3.9 – 52%', 600));
  });

  it('draws a latin-ext letter in the weight of its text, at CHART_SCALE, the same bytes every time', async () => {
    const sfnts = await decodeBrandFaces(FONTS);
    const images = await rasterizeSvgs([
      { id: 'regular', svg: line('ŁŁŁ', 400) },
      { id: 'extra-bold', svg: line('ŁŁŁ', 800) },
      { id: 'missing', svg: line('', 400) },
    ], sfnts);
    const regular = images.get('regular')!;
    expect(regular.width).toBe(120);
    expect(PNG.sync.read(Buffer.from(regular.png)).width).toBe(120 * CHART_SCALE);
    // Before the latin-ext files were named apart, every weight's Ł came from the 400 file.
    expect(ink(images.get('extra-bold')!.png)).toBeGreaterThan(ink(regular.png) * 1.3);
    expect(ink(regular.png)).toBeGreaterThan(ink(images.get('missing')!.png) + 100);
    const again = await rasterizeSvgs([{ id: 'regular', svg: line('ŁŁŁ', 400) }], sfnts);
    expect(Buffer.from(again.get('regular')!.png).equals(Buffer.from(regular.png))).toBe(true);
  });
});
