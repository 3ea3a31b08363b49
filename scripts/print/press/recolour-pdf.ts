import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { decodedBytes, flateStream } from '../flate.js';
import { hexOf, printColour, type BrandTable, type Cmyk, type CmykSource } from './brand-cmyk.js';
import { recolourStream, type SpaceKind } from './recolour-stream.js';

/** One screen colour of the reader's PDF and what the printer's PDF paints it with. */
export interface ConvertedColour {
  readonly hex: string;
  readonly cmyk: Cmyk;
  readonly source: CmykSource;
  /** How many colour operators set it. */
  count: number;
}

/** A colour the press PDF cannot print in CMYK from the brand table: an RGB image, a sampled gradient. */
export class PressColourError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
    this.name = 'PressColourError';
  }
}

const N = (name: string) => PDFName.of(name);

/**
 * Every RGB colour of a PDF made CMYK in place, through the brand table: the pages' content
 * streams and everything they draw with (Form XObjects, tiling patterns, shadings, soft masks,
 * transparency groups), each object once. An RGB image is refused: converting pixels needs an
 * ICC transform this pipeline does not carry, and Chromium writes none for this book's SVG charts.
 */
export function recolourDocument(doc: PDFDocument, table: BrandTable): ConvertedColour[] {
  const converted = new Map<string, ConvertedColour>();
  const cmyk = (rgb: readonly number[]): Cmyk => {
    const colour = printColour(rgb, table);
    const hex = hexOf(rgb);
    const seen = converted.get(hex);
    if (seen) seen.count++;
    else converted.set(hex, { hex, ...colour, count: 1 });
    return colour.cmyk;
  };
  const done = new Set<PDFObject>();
  const context = doc.context;

  /** A stream's content recoloured, written back under its own reference. */
  const recolourContent = (ref: PDFRef, spaces: (name: string) => SpaceKind, mode: 'cmyk' | 'gray') => {
    const stream = context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return;
    const result = recolourStream(decodedBytes(stream), { space: spaces, cmyk, mode });
    if (result.changed === 0) return;
    const dict: Record<string, PDFObject> = {};
    for (const [key, value] of stream.dict.entries()) {
      if (key !== N('Filter') && key !== N('DecodeParms') && key !== N('Length')) dict[key.asString().slice(1)] = value;
    }
    context.assign(ref, flateStream(context, result.bytes, dict));
  };

  /** The resources' colour spaces made CMYK; returns what each name was, for the streams that use them. */
  const resources = (res: PDFDict | undefined, mode: 'cmyk' | 'gray'): ((name: string) => SpaceKind) => {
    const kinds = new Map<string, SpaceKind>();
    if (!res) return () => 'other';
    const spaces = res.lookupMaybe(N('ColorSpace'), PDFDict);
    for (const [key, value] of spaces?.entries() ?? []) {
      const kind = spaceKind(context.lookup(value));
      kinds.set(key.decodeText(), kind);
      if (kind === 'rgb') spaces!.set(key, replacementSpace(context.lookup(value), mode, doc));
    }
    const xobjects = res.lookupMaybe(N('XObject'), PDFDict);
    for (const [, value] of xobjects?.entries() ?? []) {
      if (!(value instanceof PDFRef) || done.has(value)) continue;
      done.add(value);
      const x = context.lookup(value);
      if (!(x instanceof PDFStream)) continue;
      const subtype = x.dict.lookupMaybe(N('Subtype'), PDFName);
      if (subtype === N('Image')) checkImage(x.dict, context);
      if (subtype === N('Form')) form(value, x, mode);
    }
    const states = res.lookupMaybe(N('ExtGState'), PDFDict);
    for (const [, value] of states?.entries() ?? []) {
      const state = context.lookup(value);
      if (!(state instanceof PDFDict) || done.has(state)) continue;
      done.add(state);
      const mask = state.lookup(N('SMask'));
      if (!(mask instanceof PDFDict)) continue;
      // A luminosity mask's colours are opacities: made grey, so the mask lets through what it did.
      const luminosity = mask.lookupMaybe(N('S'), PDFName) === N('Luminosity');
      const backdrop = mask.lookupMaybe(N('BC'), PDFArray);
      if (luminosity && backdrop?.size() === 3) {
        const [r, g, b] = backdrop.asArray().map((n) => (context.lookup(n) as PDFNumber).asNumber()) as [number, number, number];
        mask.set(N('BC'), context.obj([0.2126 * r + 0.7152 * g + 0.0722 * b]));
      }
      const group = mask.get(N('G'));
      if (group instanceof PDFRef && !done.has(group)) {
        done.add(group);
        form(group, context.lookup(group, PDFStream), luminosity ? 'gray' : mode);
      }
    }
    const patterns = res.lookupMaybe(N('Pattern'), PDFDict);
    for (const [, value] of patterns?.entries() ?? []) {
      if (done.has(value)) continue;
      done.add(value);
      const pattern = context.lookup(value);
      if (pattern instanceof PDFStream && value instanceof PDFRef) form(value, pattern, mode); // tiling: a cell drawn like a form
      else if (pattern instanceof PDFDict) shading(pattern.lookup(N('Shading')), mode);
    }
    const shadings = res.lookupMaybe(N('Shading'), PDFDict);
    for (const [, value] of shadings?.entries() ?? []) shading(context.lookup(value), mode);
    return (name) => kinds.get(name) ?? 'other';
  };

  const form = (ref: PDFRef, x: PDFStream, mode: 'cmyk' | 'gray') => {
    const group = x.dict.lookupMaybe(N('Group'), PDFDict);
    if (group && spaceKind(context.lookup(group.get(N('CS')))) === 'rgb') group.set(N('CS'), N(mode === 'gray' ? 'DeviceGray' : 'DeviceCMYK'));
    const spaces = resources(x.dict.lookupMaybe(N('Resources'), PDFDict), mode);
    recolourContent(ref, spaces, mode);
  };

  const shading = (object: PDFObject | undefined, mode: 'cmyk' | 'gray') => {
    if (!(object instanceof PDFDict) || done.has(object)) return;
    done.add(object);
    if (spaceKind(context.lookup(object.get(N('ColorSpace')))) !== 'rgb') return;
    const type = object.lookupMaybe(N('ShadingType'), PDFNumber)?.asNumber() ?? 0;
    if (type > 3) throw new PressColourError(`a gradient (shading type ${type}) in DeviceRGB`, 'the press PDF converts axial and radial gradients only: draw the gradient as an SVG linear or radial gradient');
    object.set(N('ColorSpace'), N(mode === 'gray' ? 'DeviceGray' : 'DeviceCMYK'));
    const convert = (values: number[]) => (mode === 'gray' ? [0.2126 * values[0]! + 0.7152 * values[1]! + 0.0722 * values[2]!] : [...cmyk(values)]);
    const background = object.lookupMaybe(N('Background'), PDFArray);
    if (background) object.set(N('Background'), context.obj(convert(numbersOf(background, context))));
    const fn = (value: PDFObject | undefined): void => {
      const f = context.lookup(value);
      // One function per component, sampled or PostScript functions: their outputs cannot be mapped stop by stop.
      if (!(f instanceof PDFDict) || f instanceof PDFStream) {
        throw new PressColourError('a gradient with a sampled or PostScript colour function in DeviceRGB', 'the press PDF converts gradients whose colours are stops (exponential and stitching functions): use an SVG gradient with colour stops');
      }
      const kind = f.lookupMaybe(N('FunctionType'), PDFNumber)?.asNumber();
      if (kind === 2) {
        const c0 = f.lookupMaybe(N('C0'), PDFArray);
        const c1 = f.lookupMaybe(N('C1'), PDFArray);
        f.set(N('C0'), context.obj(convert(c0 ? numbersOf(c0, context) : [0, 0, 0])));
        f.set(N('C1'), context.obj(convert(c1 ? numbersOf(c1, context) : [1, 1, 1])));
        return;
      }
      if (kind === 3) {
        const parts = f.lookupMaybe(N('Functions'), PDFArray);
        for (const part of parts?.asArray() ?? []) fn(part);
        return;
      }
      throw new PressColourError(`a gradient with a colour function of type ${kind} in DeviceRGB`, 'use an SVG gradient with colour stops');
    };
    fn(object.get(N('Function')));
  };

  for (const page of doc.getPages()) {
    const node = page.node;
    const group = node.lookupMaybe(N('Group'), PDFDict);
    if (group && spaceKind(context.lookup(group.get(N('CS')))) === 'rgb') group.set(N('CS'), N('DeviceCMYK'));
    const spaces = resources(node.Resources(), 'cmyk');
    const contents = node.get(N('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
    for (const ref of refs) {
      if (done.has(ref)) continue;
      done.add(ref);
      recolourContent(ref, spaces, 'cmyk');
    }
  }
  return [...converted.values()].sort((a, b) => b.count - a.count || (a.hex < b.hex ? -1 : 1));
}

/** Whether a colour space object is RGB: DeviceRGB, CalRGB, a 3-channel ICC space, or a pattern space over one. */
function spaceKind(space: PDFObject | undefined): SpaceKind {
  if (space === N('DeviceRGB') || space === N('RGB')) return 'rgb';
  if (!(space instanceof PDFArray) || space.size() === 0) return 'other';
  const family = space.get(0);
  if (family === N('CalRGB')) return 'rgb';
  if (family === N('ICCBased')) {
    const profile = space.lookup(1);
    return profile instanceof PDFStream && profile.dict.lookupMaybe(N('N'), PDFNumber)?.asNumber() === 3 ? 'rgb' : 'other';
  }
  if (family === N('Pattern') && space.size() > 1) return spaceKind(space.lookup(1));
  if (family === N('Indexed') || family === N('Separation') || family === N('DeviceN')) {
    const base = space.lookup(family === N('Indexed') ? 1 : 2);
    if (spaceKind(base) === 'rgb') throw new PressColourError(`a ${(family as PDFName).decodeText()} colour space over RGB`, 'the press PDF converts plain RGB colours: draw the figure with plain colours (no palette or spot colour over RGB)');
  }
  return 'other';
}

function replacementSpace(space: PDFObject | undefined, mode: 'cmyk' | 'gray', doc: PDFDocument): PDFObject {
  const device = N(mode === 'gray' ? 'DeviceGray' : 'DeviceCMYK');
  return space instanceof PDFArray && space.get(0) === N('Pattern') ? doc.context.obj([N('Pattern'), device]) : device;
}

function checkImage(dict: PDFDict, context: PDFDocument['context']): void {
  if (spaceKind(context.lookup(dict.get(N('ColorSpace')))) !== 'rgb') return;
  const w = dict.lookupMaybe(N('Width'), PDFNumber)?.asNumber();
  const h = dict.lookupMaybe(N('Height'), PDFNumber)?.asNumber();
  throw new PressColourError(
    `an RGB image (${w} × ${h} pixels) is in the PDF: the press PDF paints only CMYK and grey`,
    'convert the image to CMYK with the printer\'s profile before placing it (e.g. ImageMagick: magick in.png -profile sRGB.icc -profile printer.icc out.tif), or draw it as SVG',
  );
}

function numbersOf(array: PDFArray, context: PDFDocument['context']): number[] {
  return array.asArray().map((n) => (context.lookup(n) as PDFNumber).asNumber());
}
