/**
 * Characters a source may not hold, found one code point at a time (issue 21, classes 1 and 5).
 *
 * - XML forbids C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and
 *   lone surrogates: an ePub chapter holding one is not XML and e-readers refuse to open it. The
 *   Markdown parser turns NUL into U+FFFD, so the raw text is checked, before parsing.
 *   DEL and the C1 controls are allowed by XML but are terminal control codes (U+009B is CSI) and
 *   never mean anything in a book: refused alike.
 * - Bidirectional controls reorder what a reader sees ("Trojan Source"): a listing or a title
 *   then reads differently from what it is. Which of them are refused where is decided by the
 *   caller (remark-check-bidi.ts, load-chapters.ts); this module only names them.
 */

export type BidiControl = 'embedding' | 'isolate' | 'pop-isolate' | 'mark';

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL', 0x07: 'BELL', 0x08: 'BACKSPACE', 0x0b: 'LINE TABULATION', 0x0c: 'FORM FEED', 0x1b: 'ESCAPE', 0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER', 0xfffe: 'a noncharacter', 0xffff: 'a noncharacter',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x061c: 'ARABIC LETTER MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** A code point no output may carry (see above). Tab, LF and CR are the only controls allowed. */
export function isForbiddenCharacter(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfffe || cp === 0xffff || (cp >= 0xd800 && cp <= 0xdfff);
}

export function bidiControl(cp: number): BidiControl | undefined {
  if (cp >= 0x202a && cp <= 0x202e) return 'embedding';
  if (cp >= 0x2066 && cp <= 0x2068) return 'isolate';
  if (cp === 0x2069) return 'pop-isolate';
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'mark';
  return undefined;
}

/** `U+000B (LINE TABULATION)`: how messages name a character that cannot be shown. */
export function describeCharacter(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[cp] ?? (cp >= 0xd800 && cp <= 0xdfff ? 'a lone surrogate' : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'a control character' : undefined);
  return name ? `${hex} (${name})` : hex;
}

export interface FoundCharacter {
  /** UTF-16 offset in the text. */
  readonly offset: number;
  readonly codePoint: number;
}

/**
 * Every code point of `text` (from `start` to `end`) that `test` accepts. A lone surrogate is
 * its own code point here (`codePointAt` returns it), so it can be found.
 */
export function findCharacters(text: string, test: (cp: number) => boolean, start = 0, end = text.length): FoundCharacter[] {
  const found: FoundCharacter[] = [];
  for (let i = start; i < end;) {
    const cp = text.codePointAt(i)!;
    if (test(cp)) found.push({ offset: i, codePoint: cp });
    i += cp > 0xffff ? 2 : 1;
  }
  return found;
}

/** Line and column (1-based, columns in UTF-16 units as the Markdown parser counts them) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
