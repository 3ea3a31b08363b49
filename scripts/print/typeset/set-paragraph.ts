import { breakLines, FORBIDDEN, FORCED, type Item, type LineBreak } from './knuth-plass.js';
import type { MeasuredParagraph, Piece } from './measure-paragraphs.js';
import type { ParagraphPlan } from './set-paragraphs.js';
import type { TypesetSettings } from './typeset-settings.js';

/** How one paragraph may be set, the settings to try in order (none: the browser sets it): each a plan for the page, and its lines as the rules count them. */
export type ParagraphSetting = ReadonlyArray<{
  readonly plan: ParagraphPlan;
  readonly lines: readonly SetLine[];
  /** No setting kept every line within the tolerance, even with hyphenation: its lines are the least bad. */
  readonly strained: boolean;
}>;

/** A line as set: for the counts (typography-counts.ts). */
export interface SetLine {
  /** The mean space between its words, in px (0 for a line of one word). */
  readonly gap: number;
  readonly spaces: number;
  /** It ends in a hyphen: `soft` a hyphenation, else a hard hyphen. */
  readonly hyphen?: { readonly soft: boolean; readonly before: number; readonly after: number };
  /** Its words (boxes between spaces). */
  readonly words: number;
  readonly last: boolean;
  /** The word the next line opens with. */
  readonly next?: string;
}

const LETTER = /\p{L}/gu;

/**
 * Sets one measured paragraph: the items the line breaker sees (hyphenation points allowed
 * only where the rules allow them), then the breaks, trying as TeX does the setting without
 * hyphenation first, then with it, then looser, until one is found. `pageEnds` are the lines
 * (from 0) that a page ends on: a hyphen there is a fault of its own.
 */
export function setParagraph(paragraph: MeasuredParagraph, settings: TypesetSettings, pageEnds: ReadonlySet<number> = new Set()): ParagraphSetting {
  const { pieces } = paragraph;
  const letters = lettersAround(pieces);
  const lastSpace = pieces.findLastIndex((p) => p.k === 'space');
  const items = (hyphenate: boolean): Item[] => [
    ...pieces.map((p, i): Item => {
      if (p.k === 'box') return { type: 'box', width: p.w, text: p.t };
      if (p.k === 'space') return { type: 'glue', width: p.w, stretch: p.w * settings.stretch, shrink: p.w * settings.shrink };
      // Never the paragraph's last word; at least `minLetters` letters each side.
      const inLastWord = i > lastSpace;
      if (p.k === 'hyphen') {
        const [before, after] = letters[i]!;
        const allowed = hyphenate && !inLastWord && before >= settings.minLetters && after >= settings.minLetters;
        return { type: 'penalty', width: p.w, penalty: allowed ? settings.hyphenPenalty : FORBIDDEN, flagged: true };
      }
      if (p.hard) return { type: 'penalty', width: 0, penalty: inLastWord ? FORBIDDEN : settings.hardHyphenPenalty, flagged: true };
      return { type: 'penalty', width: 0, penalty: settings.breakPenalty, flagged: false };
    }),
    // The last line's glue fills it; then the paragraph ends.
    { type: 'glue', width: 0, stretch: 1e6, shrink: 0 },
    { type: 'penalty', width: 0, penalty: FORCED, flagged: false },
  ];
  const widths = paragraph.widths.map((w) => w - settings.safety);
  // The lines that end a page (found once printed): a hyphen there costs `pageEndHyphenPenalty`.
  const hyphenAtLine = new Map([...pageEnds].map((line) => [line, settings.pageEndHyphenPenalty]));
  const options = { ...settings.demerits, maxHyphenRun: settings.maxHyphenRun, hyphenAtLine };
  const passes: Array<[boolean, number]> = [[false, settings.pretolerance], [true, settings.tolerance], [true, settings.emergencyTolerance], [true, Number.POSITIVE_INFINITY]];
  let breaks: LineBreak[] | undefined;
  let strained = false;
  for (const [hyphenate, tolerance] of passes) {
    breaks = breakLines(items(hyphenate), widths, { ...options, tolerance });
    if (breaks) break;
    strained = hyphenate;
  }
  // With no tolerance at all a setting always exists unless a box is wider than the line; then the browser sets it.
  if (!breaks) return [];
  const spaced = planLines(pieces, breaks, paragraph.fontSize, settings, true);
  const plain = planLines(pieces, breaks, paragraph.fontSize, settings, false);
  const settingOf = (plan: ParagraphPlan) => ({ plan, lines: setLines(pieces, plan, letters), strained });
  // Letter spacing turns ligatures off, which may change a line's width: the plain setting is the fallback.
  return spaced.some(([, , letter]) => letter > 0) ? [settingOf(spaced), settingOf(plain)] : [settingOf(plain)];
}

/** Letter-spaced lines leave this much more (px) to the justification: ligatures off may widen a word. */
const LETTER_SAFETY = 2;

/** The plan of the breaks: each line's spaces change by the same amount (px), its ratio times what they can give, shared out. */
function planLines(pieces: readonly Piece[], breaks: readonly LineBreak[], fontSize: number, settings: TypesetSettings, letters: boolean): ParagraphPlan {
  let start = 0;
  return breaks.map((b, n) => {
    const last = n === breaks.length - 1;
    const end = last ? pieces.length : b.position;
    const line = pieces.slice(start, end);
    const spaces = line.filter((p) => p.k === 'space');
    const natural = spaces.reduce((sum, p) => sum + p.w, 0);
    start = end + 1;
    // The last line's finishing glue takes any slack; it may still have to shrink to fit.
    const spacing = spaces.length === 0 || (last && b.ratio > 0) ? 0 : (b.ratio * natural * (b.ratio > 0 ? settings.stretch : settings.shrink)) / spaces.length;
    const hyphen = pieces[end]?.k === 'hyphen';
    const characters = lineCharacters(line, hyphen);
    const letter = letters && spaces.length > 0 ? letterSpacing(natural / spaces.length + spacing, characters / spaces.length, fontSize, settings) : 0;
    if (letter === 0) return [end, spacing, 0] as const;
    // What the letters take (every character is followed by the letter spacing) the spaces give back.
    return [end, spacing - (letter * characters + LETTER_SAFETY) / spaces.length, letter] as const;
  });
}

const PX_PER_PT = 4 / 3;

/** The characters of a line that take letter spacing: its text, its inner spaces and its hyphen. */
function lineCharacters(line: readonly Piece[], hyphen: boolean): number {
  return line.reduce((sum, p) => sum + (p.k === 'box' ? p.t.length : p.k === 'space' ? 1 : 0), 0) + (hyphen ? 1 : 0);
}

/**
 * The letter spacing (px) that brings a line's mean word gap back to `looseGap`, as far as
 * `letterSpacing` (em) allows; 0 for a line that is not loose. A word gap as read on the page
 * is the space and the letter spacing on both sides of it.
 */
function letterSpacing(gap: number, charactersPerSpace: number, fontSize: number, settings: TypesetSettings): number {
  const target = settings.looseGap * PX_PER_PT;
  const perSpace = charactersPerSpace - 2;
  if (gap <= target || perSpace <= 0) return 0;
  return Math.min(settings.letterSpacing * fontSize, (gap - target) / perSpace);
}

/** For each hyphenation point, the letters of its word before and after it. */
function lettersAround(pieces: readonly Piece[]): Array<[number, number] | undefined> {
  const out: Array<[number, number] | undefined> = [];
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i]!.k !== 'hyphen') continue;
    let before = 0;
    for (let j = i - 1; j >= 0 && pieces[j]!.k !== 'space'; j--) before += count(pieces[j]!);
    let after = 0;
    for (let j = i + 1; j < pieces.length && pieces[j]!.k !== 'space'; j++) after += count(pieces[j]!);
    out[i] = [before, after];
  }
  return out;
}

const count = (p: Piece) => (p.k === 'box' ? (p.t.match(LETTER)?.length ?? 0) : 0);

function setLines(pieces: readonly Piece[], plan: ParagraphPlan, letters: ReadonlyArray<[number, number] | undefined>): SetLine[] {
  const lines: SetLine[] = [];
  let start = 0;
  for (const [n, [end, spacing, letter]] of plan.entries()) {
    const last = n === plan.length - 1;
    const inner = pieces.slice(start, last ? pieces.length : end);
    const spaces = inner.filter((p) => p.k === 'space');
    const gap = spaces.length === 0 ? 0 : spaces.reduce((s, p) => s + p.w, 0) / spaces.length + spacing + 2 * letter;
    const brk = last ? undefined : pieces[end];
    let hyphen: SetLine['hyphen'];
    if (brk?.k === 'hyphen') hyphen = { soft: true, before: letters[end]![0], after: letters[end]![1] };
    else if (brk?.k === 'break' && brk.hard) hyphen = { soft: false, before: 99, after: 99 };
    let next = '';
    for (let j = end + 1; !last && j < pieces.length && pieces[j]!.k !== 'space'; j++) next += pieces[j]!.k === 'box' ? (pieces[j] as { t: string }).t : '';
    lines.push({ gap, spaces: spaces.length, hyphen, words: spaces.length + 1, last, ...(last ? {} : { next }) });
    start = end + 1;
  }
  return lines;
}
