import * as fontkit from 'fontkit';
import { FAMILIES, fontFaces, fontFilePath } from '../fonts/font-files.js';
import type { BrandSfnts } from '../fonts/brand-sfnt.js';

interface Glyphs {
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  unitsPerEm: number;
}

/**
 * Measures text with the brand sans's real advance widths. Vega in Node has no canvas and
 * otherwise estimates widths (~1.5× too wide), truncating labels that would fit.
 */
export interface TextMeasurer {
  width(text: string, fontSize: number, fontWeight?: number | string): number;
}

/** `sfnts`: the brand faces already decoded (brand-sfnt.ts); without them fontkit decodes the WOFF2 files itself, slowly. */
export function createTextMeasurer(sfnts?: BrandSfnts): TextMeasurer {
  const byWeight = new Map<number, Glyphs[]>();
  const fontsFor = (weight: number): Glyphs[] => {
    const w = [400, 600, 700, 800].reduce((best, x) => (Math.abs(x - weight) < Math.abs(best - weight) ? x : best), 400);
    if (!byWeight.has(w)) {
      const faces = fontFaces.filter((f) => f.family === FAMILIES.sans && f.weight === w && f.style === 'normal');
      byWeight.set(w, faces.map((f) => (sfnts?.has(f.file) ? fontkit.create(sfnts.get(f.file)!) : fontkit.openSync(fontFilePath(f))) as unknown as Glyphs));
    }
    return byWeight.get(w)!;
  };
  const cache = new Map<string, number>();
  return {
    width(text, fontSize, fontWeight = 400) {
      const weight = fontWeight === 'bold' ? 700 : Number(fontWeight) || 400;
      const key = `${weight}|${text}`;
      let em = cache.get(key);
      if (em === undefined) {
        const fonts = fontsFor(weight);
        em = 0;
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          const font = fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? fonts[0]!;
          em += font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
        }
        cache.set(key, em);
      }
      return em * fontSize;
    },
  };
}
