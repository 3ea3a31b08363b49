import { describe, expect, it } from 'vitest';
import { breakLines, FORBIDDEN, FORCED, type Item } from '../../scripts/print/typeset/knuth-plass.js';
import type { MeasuredParagraph, Piece } from '../../scripts/print/typeset/measure-paragraphs.js';
import { setParagraph } from '../../scripts/print/typeset/set-paragraph.js';
import { typesetSettings, TypesetSettingError } from '../../scripts/print/typeset/typeset-settings.js';
import { countLines, lineFaults } from '../../scripts/print/typeset/typography-counts.js';

/**
 * Issue 23: paragraphs set as wholes (Knuth–Plass) with the hyphenation rules, on paragraphs
 * made of words of a monospaced "font" (each letter 7 px, a space 4 px, a hyphen 5 px), so
 * every line's width is known exactly. No browser: the page's measuring and applying are held
 * by tests/print-typeset.test.ts.
 */
const LETTER = 7;
const SPACE = 4;
const HYPHEN = 5;

/** "con|cur|rency" marks hyphenation points; "-" between letters is a hard hyphen. */
function paragraph(text: string, width: number, fontSize = 14): MeasuredParagraph {
  const pieces: Piece[] = [];
  for (const [i, word] of text.split(' ').entries()) {
    if (i > 0) pieces.push({ k: 'space', w: SPACE });
    for (const [j, part] of word.split('|').entries()) {
      if (j > 0) pieces.push({ k: 'hyphen', w: HYPHEN });
      const hard = part.split(/(?<=\p{L}-)(?=\p{L})/u);
      for (const [h, bit] of hard.entries()) {
        if (h > 0) pieces.push({ k: 'break', w: 0, hard: true });
        pieces.push({ k: 'box', w: bit.length * LETTER, t: bit });
      }
    }
  }
  return { widths: [width], fontSize, pieces };
}

/** The lines of a setting, as text (a hyphen where a line breaks at a hyphenation point). */
function lines(p: MeasuredParagraph, plan: ReadonlyArray<readonly [number, number, number]>): string[] {
  const out: string[] = [];
  let line = '';
  let n = 0;
  for (const [i, piece] of p.pieces.entries()) {
    const end = n < plan.length - 1 && plan[n]![0] === i;
    if (piece.k === 'box') line += piece.t;
    else if (piece.k === 'space' && !end) line += ' ';
    if (end) {
      out.push(piece.k === 'hyphen' ? `${line}-` : line);
      line = '';
      n++;
    }
  }
  return [...out, line];
}

const SETTINGS = typesetSettings({ '--typeset-safety-px': '0' });
const set = (p: MeasuredParagraph, settings = SETTINGS) => setParagraph(p, settings)[0]!;

describe('the line breaker (Knuth–Plass)', () => {
  it('chooses the breaks of the whole paragraph, where line-by-line breaking leaves a loose line', () => {
    // In a 100 px measure a browser fills line 1 with "aaaa bbb cc" (71 px: its 2 spaces stretched 3.6 times)
    // because "dddd" does not fit unshrunk; the paragraph's best setting shrinks line 1 a little to take "dddd".
    const words = ['aaaa', 'bbb', 'cc', 'dddd', 'eeeee', 'ffff'];
    const items: Item[] = [];
    for (const [i, w] of words.entries()) {
      if (i > 0) items.push({ type: 'glue', width: SPACE, stretch: SPACE, shrink: SPACE / 3 });
      items.push({ type: 'box', width: w.length * LETTER, text: w });
    }
    items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, { type: 'penalty', width: 0, penalty: FORCED, flagged: false });
    const options = { tolerance: 200, linePenalty: 10, doubleHyphenDemerits: 0, finalHyphenDemerits: 0, adjacentDemerits: 0, maxHyphenRun: 2, shortLastLine: 0, shortLastLineDemerits: 0 };
    const breaks = breakLines(items, [100], options)!;
    expect(breaks.map((b) => b.position)).toEqual([7, items.length - 1]);
    expect(breaks[0]!.ratio).toBeCloseTo(-0.75);
    // A break the items forbid is never taken; and with nothing that fits, there is no setting.
    const forbidden = items.map((it, i): Item => (i === 7 ? { type: 'penalty', width: 0, penalty: FORBIDDEN, flagged: false } : it));
    expect(breakLines(forbidden, [100], { ...options, tolerance: 10_000 })!.map((b) => b.position)).not.toContain(7);
    expect(breakLines([{ type: 'box', width: 200, text: 'x' }, ...items.slice(-2)], [100], options)).toBeUndefined();
  });

  it('sets a paragraph without hyphens when it can, every line within the tolerance', () => {
    const p = paragraph('Layout is the art of arranging text on a page so that every line reads evenly and the reader never notices the work', 300);
    const s = set(p);
    expect(s.lines.filter((l) => l.hyphen)).toHaveLength(0);
    for (const line of s.lines.filter((l) => !l.last)) expect(line.gap).toBeLessThanOrEqual(SPACE * (1 + SETTINGS.stretch * 1.27));
    expect(s.strained).toBe(false);
  });

  it('never leaves fewer than 3 letters on a side of a hyphen, and never hyphenates the last word', () => {
    // "ex|plore" would leave 2 letters; "stag|na|tion" is the last word. Narrow lines make hyphens tempting.
    const p = paragraph('We now ex|plore con|cur|rent pro|gram|ming tech|niques with care to avoid stag|na|tion', 160);
    const s = set(p);
    const text = lines(p, s.plan);
    expect(text.some((l) => l.endsWith('ex-'))).toBe(false);
    expect(text.at(-1)).toContain('stagnation');
    expect(lineFaults(s.lines).filter((f) => f.kind === 'short-fragment' || f.kind === 'hyphen-runt')).toEqual([]);
  });

  it('allows at most 2 hyphenated lines in a row', () => {
    const words = Array.from({ length: 40 }, (_, i) => ['syn|chro|nous', 'par|al|lel|ism', 'con|cur|rency', 'through|put'][i % 4]).join(' ');
    const p = paragraph(words, 150);
    const s = set(p, typesetSettings({ '--typeset-safety-px': '0', '--typeset-hyphen-penalty': '0', '--typeset-double-hyphen-demerits': '0' }));
    let run = 0;
    for (const line of s.lines) {
      run = line.hyphen ? run + 1 : 0;
      expect(run).toBeLessThanOrEqual(2);
    }
    expect(s.lines.some((l) => l.hyphen)).toBe(true);
  });

  it('moves a hyphen off a line that ends a page', () => {
    const words = Array.from({ length: 24 }, (_, i) => ['syn|chro|nous', 'par|al|lel|ism', 'con|cur|rency', 'through|put'][i % 4]).join(' ');
    const p = paragraph(words, 150);
    const free = set(p, typesetSettings({ '--typeset-safety-px': '0', '--typeset-hyphen-penalty': '0' }));
    const hyphenated = free.lines.findIndex((l) => l.hyphen?.soft);
    expect(hyphenated).toBeGreaterThanOrEqual(0);
    // Printed, that line ended a page: set again, it ends without a hyphen.
    const moved = setParagraph(p, typesetSettings({ '--typeset-safety-px': '0', '--typeset-hyphen-penalty': '0' }), new Set([hyphenated]))[0]!;
    expect(moved.lines[hyphenated]!.hyphen).toBeUndefined();
  });

  it('letter-spaces a line that would be loose, and keeps a plain setting to fall back on', () => {
    // Two long unbreakable words force a loose first line.
    const p = paragraph('Ask the maintainer Ierusalimschyxxxxxx about it', 230, 14);
    const [spaced, plain] = setParagraph(p, SETTINGS);
    expect(plain).toBeDefined();
    const [, , letter] = spaced!.plan[0]!;
    expect(letter).toBeGreaterThan(0);
    expect(letter).toBeLessThanOrEqual(SETTINGS.letterSpacing * 14 + 1e-9);
    expect(spaced!.lines[0]!.gap).toBeLessThan(plain!.lines[0]!.gap);
    // The line's width stays the same: what the letters take, the spaces give back (less the safety left to justification).
    expect(plain!.plan[0]![2]).toBe(0);
    expect(spaced!.strained).toBe(true);
  });

  it('counts what a book designer counts', () => {
    const loose = { gap: 9, spaces: 5, words: 6, last: false } as const;
    const soft = (before: number, after: number) => ({ gap: 4, spaces: 5, words: 6, last: false, hyphen: { soft: true, before, after } });
    const lastWord = { gap: 0, spaces: 0, words: 1, last: true } as const;
    const faults = lineFaults([loose, soft(2, 5), soft(4, 4), soft(4, 4), lastWord]).map((f) => [f.kind, f.line]);
    expect(faults).toEqual([['loose-line', 1], ['short-fragment', 2], ['hyphen-ladder', 4], ['hyphen-runt', 5]]);
    expect(countLines([[loose, soft(4, 4), lastWord]], 2)).toEqual({ lines: 3, hyphenated: 1, loose: 1, short: 0, ladders: 0, runts: 1, browserSet: 2 });
  });

  it('reads its settings from the style sheet, and refuses one that is not a number', () => {
    expect(typesetSettings({ '--typeset-hyphen-penalty': '300' }).hyphenPenalty).toBe(300);
    expect(typesetSettings({}).minLetters).toBe(3);
    expect(() => typesetSettings({ '--typeset-tolerance': 'high' })).toThrow(TypesetSettingError);
  });
});
