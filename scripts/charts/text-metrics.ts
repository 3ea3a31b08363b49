import * as fontkit from 'fontkit';
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

/** `sfnts`: the brand faces decoded (brand-sfnt.ts); the sans is measured. */
export function createTextMeasurer(sfnts: BrandSfnts): TextMeasurer {
  const { families, faces: all } = sfnts.fonts;
  const weights = [...new Set(all.filter((f) => f.family === families.sans && f.style === 'normal').map((f) => f.weight))];
  const byWeight = new Map<number, Glyphs[]>();
  const fontsFor = (weight: number): Glyphs[] => {
    // The nearest weight the sans has (the brand may carry any).
    const w = weights.reduce((best, x) => (Math.abs(x - weight) < Math.abs(best - weight) ? x : best), weights[0]!);
    if (!byWeight.has(w)) {
      const faces = all.filter((f) => f.family === families.sans && f.weight === w && f.style === 'normal');
      byWeight.set(w, faces.map((f) => fontkit.create(sfnts.get(f.file)!) as unknown as Glyphs));
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
