import { setImmediate as nextTurn } from 'node:timers/promises';
import { Resvg } from '@resvg/resvg-js';
import { fromHtml } from 'hast-util-from-html';
import { s } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import { extendedFamily, rasterFonts, type RasterFont } from '../fonts/raster-fonts.js';
import type { BrandSfnts } from '../fonts/brand-sfnt.js';
import { toXhtml } from './xhtml.js';
import { CHART_SCALE, type RasterImage } from './raster-image.js';

/**
 * SVG graphics drawn as PNG at CHART_SCALE, on white (the colours are designed for white paper
 * and stay legible in night mode), by resvg in this process: no browser. The text uses the brand
 * faces (TrueType from the same @fontsource files as every edition), never the system's fonts.
 *
 * One graphic at a time on this thread (~25 ms each), yielding between them, not with
 * `renderAsync` on libuv's threads: a Ctrl-C'd build exits while those may still be drawing,
 * and the process then died of SIGSEGV (seen in the Ctrl-C test, a double Ctrl-C while the
 * outputs were written). Here no drawing is in flight when the process exits.
 */
export async function rasterizeSvgs(
  graphics: ReadonlyArray<{ id: string; svg: string }>, sfnts: BrandSfnts, signal?: AbortSignal,
): Promise<Map<string, RasterImage>> {
  const images = new Map<string, RasterImage>();
  if (graphics.length === 0) return images;
  const named = new Set(graphics.flatMap((g) => [...g.svg.matchAll(/font-family="([^"]+)"/g)].flatMap((m) => familyList(m[1]!))));
  const fonts = await rasterFonts(named, sfnts);
  const options = {
    font: { loadSystemFonts: false, fontFiles: fonts.map((f) => f.path), defaultFontFamily: sfnts.fonts.families.sans },
    fitTo: { mode: 'zoom' as const, value: CHART_SCALE },
    background: '#fff',
    logLevel: 'off' as const,
  };
  for (const g of graphics) {
    await nextTurn();
    signal?.throwIfAborted();
    let drawn: ReturnType<Resvg['render']>;
    try {
      drawn = new Resvg(withFaceRuns(g.svg, fonts, sfnts.fonts.families.sans), options).render();
    } catch (e) {
      // resvg names neither the graphic nor its source ("SVG data parsing failed"): say which.
      throw new Error(`the graphic "${g.id}" could not be drawn as a picture: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    images.set(g.id, { png: drawn.asPng(), width: drawn.width / CHART_SCALE, height: drawn.height / CHART_SCALE });
  }
  return images;
}

/** `Inter, "Noto Sans Math", sans-serif` → its names, unquoted. */
function familyList(value: string): string[] {
  return value.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
}

/**
 * The SVG with each run of characters that its family's latin file lacks and its latin-ext file
 * has (Ł, ń in the authors' names) in a tspan naming the latin-ext file's family (see
 * `extendedFamily`), as the style sheets' unicode-ranges choose. Weight and size are inherited,
 * so a run keeps its face. Unchanged (and not parsed) when the latin files have every character.
 * Not done for the symbols face (→, ≈): resvg 2.6 then drew the whole line in it, or dropped it;
 * no chart or card uses one (charts name only the sans, whose latin file has – and −).
 */
export function withFaceRuns(svg: string, fonts: readonly RasterFont[], sans: string): string {
  const chars = new Map<string, Set<number>>();
  for (const font of fonts) {
    const set = chars.get(font.family) ?? new Set<number>();
    font.chars.forEach((c) => set.add(c));
    chars.set(font.family, set);
  }
  /** The file family for `c` in text of `family`; undefined: the family's own file (or none has it). */
  const fileFamily = (family: string, c: number): string | undefined =>
    chars.has(family) && !chars.get(family)!.has(c) && chars.get(extendedFamily(family))?.has(c) ? extendedFamily(family) : undefined;
  const families = [...chars.keys()].filter((f) => fonts.some((font) => font.family === f && font.face.family === f));
  if (![...svg].some((ch) => families.some((f) => fileFamily(f, ch.codePointAt(0)!) !== undefined))) return svg;
  const tree = fromHtml(svg, { fragment: true });
  splitRuns(tree, sans, fileFamily);
  return toXhtml(tree);
}

function splitRuns(parent: Root | Element, inherited: string, fileFamily: (family: string, c: number) => string | undefined): void {
  const own = parent.type === 'element' && typeof parent.properties.fontFamily === 'string' ? familyList(parent.properties.fontFamily)[0] : undefined;
  const family = own ?? inherited;
  const inText = parent.type === 'element' && (parent.tagName === 'text' || parent.tagName === 'tspan');
  const children: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'element') splitRuns(child, family, fileFamily);
    if (!(inText && child.type === 'text')) {
      children.push(child);
      continue;
    }
    // Runs of characters drawn from the same file.
    let run = '';
    let runFamily: string | undefined;
    const flush = () => {
      if (run) children.push(runFamily ? s('tspan', { fontFamily: runFamily }, run) : { type: 'text', value: run });
      run = '';
    };
    for (const ch of child.value) {
      const next = fileFamily(family, ch.codePointAt(0)!);
      if (next !== runFamily) flush();
      runFamily = next;
      run += ch;
    }
    flush();
  }
  parent.children = children as typeof parent.children;
}

