import { numbers, operandText, parseContentStream, type ContentOperation, type ContentStream } from '../content-stream.js';
import type { Cmyk } from './brand-cmyk.js';

/** What a colour space named in a stream's resources was before the recolouring: RGB (to convert) or anything else. */
export type SpaceKind = 'rgb' | 'other';

export interface RecolourContext {
  /** The kind of the resource `/name` used by `cs`/`CS` (its resources' /ColorSpace entry). */
  space(name: string): SpaceKind;
  /** The inks for an RGB colour (components 0–1); the caller records what it converted. */
  cmyk(rgb: readonly number[]): Cmyk;
  /**
   * `cmyk`: colours become DeviceCMYK (`k`/`K`). `gray`: they become DeviceGray (`g`/`G`) by
   * their luminance, for a luminosity soft mask's group, where a colour is an opacity, not an ink.
   */
  readonly mode: 'cmyk' | 'gray';
}

/**
 * One content stream with its RGB colour operators rewritten, every other byte kept: `r g b rg`
 * (fill) and `RG` (stroke) become `c m y k k`/`K`; `/DeviceRGB cs` becomes `/DeviceCMYK cs` and
 * the `sc`/`scn` after it get four components; a named RGB space's `sc` too (its resource is
 * replaced by the document walk). The colour space in force is tracked through `q`/`Q`, as a
 * viewer does, since `sc` alone does not say which space its numbers are in.
 */
export function recolourStream(bytes: Uint8Array, context: RecolourContext): { bytes: Uint8Array; changed: number } {
  const stream = parseContentStream(bytes);
  const pieces: string[] = [];
  let last = 0;
  let changed = 0;
  const replace = (op: ContentOperation, text: string) => {
    pieces.push(stream.text.slice(last, op.start), text);
    last = op.end;
    changed++;
  };
  let state = { fill: 'other' as SpaceKind, stroke: 'other' as SpaceKind };
  const saved: Array<typeof state> = [];
  for (const op of stream.ops) {
    const stroke = op.operator === op.operator.toUpperCase() && op.operator !== 'q';
    switch (op.operator) {
      case 'q': saved.push({ ...state }); break;
      case 'Q': state = saved.pop() ?? { fill: 'other', stroke: 'other' }; break;
      case 'rg': case 'RG':
        state = stroke ? { ...state, stroke: 'rgb' } : { ...state, fill: 'rgb' };
        replace(op, `${colourOperands(context, numbers(stream, op))} ${operatorFor(context, stroke)}`);
        break;
      case 'g': case 'G': case 'k': case 'K':
        state = stroke ? { ...state, stroke: 'other' } : { ...state, fill: 'other' };
        break;
      case 'cs': case 'CS': {
        const name = nameOperand(stream, op);
        const kind: SpaceKind = name === 'DeviceRGB' ? 'rgb' : name === 'DeviceGray' || name === 'DeviceCMYK' || name === 'Pattern' ? 'other' : context.space(name);
        state = stroke ? { ...state, stroke: kind } : { ...state, fill: kind };
        if (name === 'DeviceRGB') replace(op, `/${context.mode === 'gray' ? 'DeviceGray' : 'DeviceCMYK'} ${op.operator}`);
        break;
      }
      case 'sc': case 'scn': case 'SC': case 'SCN': {
        if ((stroke ? state.stroke : state.fill) !== 'rgb') break;
        const text = operandText(stream, op).trim();
        // `scn` may end with a pattern's name (an uncoloured pattern's components come before it).
        const slash = text.lastIndexOf('/');
        const [values, pattern] = slash >= 0 ? [text.slice(0, slash), ` ${text.slice(slash)}`] : [text, ''];
        const components = values.trim().split(/\s+/).filter(Boolean).map(Number);
        if (components.length !== 3) break; // a coloured pattern alone: its own stream is recoloured
        replace(op, `${colourOperands(context, components)}${pattern} ${op.operator}`);
        break;
      }
    }
  }
  if (changed === 0) return { bytes, changed };
  pieces.push(stream.text.slice(last));
  return { bytes: Buffer.from(pieces.join(''), 'latin1'), changed };
}

function operatorFor(context: RecolourContext, stroke: boolean): string {
  if (context.mode === 'gray') return stroke ? 'G' : 'g';
  return stroke ? 'K' : 'k';
}

/** The new operands for an RGB colour: four inks, or one grey (Rec. 709 luminance) in a soft mask. */
function colourOperands(context: RecolourContext, rgb: readonly number[]): string {
  if (context.mode === 'gray') return format(0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!);
  return context.cmyk(rgb).map(format).join(' ');
}

/** A number as a content stream writes it: at most three decimals, no exponent. */
export function format(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The name operand of `cs`/`CS`, without its slash, `#xx` escapes decoded (ISO 32000-1, 7.3.5). */
function nameOperand(stream: ContentStream, op: ContentOperation): string {
  const raw = operandText(stream, op).trim();
  if (!raw.startsWith('/')) throw new Error(`content stream: ${op.operator} at ${op.at} without a colour space name`);
  return raw.slice(1).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
