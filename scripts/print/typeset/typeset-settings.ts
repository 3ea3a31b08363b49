import type { LineBreakOptions } from './knuth-plass.js';

/** The line breaker's settings: each has a custom property in styles/print.css (`--typeset-<name>`), where a designer tunes it. */
export interface TypesetSettings {
  /** How far a space may stretch and shrink, as a share of its width (TeX's Computer Modern: 1/2 and 1/3). */
  readonly stretch: number;
  readonly shrink: number;
  /** Letters a hyphenation leaves at least on each side (hyphenate-limit-chars). */
  readonly minLetters: number;
  /** Hyphenated lines allowed in a row (hyphenate-limit-lines). */
  readonly maxHyphenRun: number;
  /** The cost of a break at a hyphenation point, after a hard hyphen, and at a `<wbr>` (a URL's slash). */
  readonly hyphenPenalty: number;
  readonly hardHyphenPenalty: number;
  readonly breakPenalty: number;
  /** A hyphen on a page's last line (the word would be split over a page turn); 10000 forbids it. */
  readonly pageEndHyphenPenalty: number;
  /** The worst line badness (100·r³) of the pass without hyphenation, with it, and of the last resort. */
  readonly pretolerance: number;
  readonly tolerance: number;
  readonly emergencyTolerance: number;
  readonly demerits: Omit<LineBreakOptions, 'tolerance' | 'maxHyphenRun'>;
  /** A line whose mean word gap would be wider than this (pt) spaces its letters instead, up to `letterSpacing` (em): microtypography, as InDesign's letter-spacing range or pdfTeX's font expansion. */
  readonly looseGap: number;
  readonly letterSpacing: number;
  /** Left free at each line's end in px, so that rounding never pushes a word to the next line; justification fills it. */
  readonly safety: number;
}

/** Each setting's custom property and default (TeX's plain format where it has one; spaces stretch further and hyphens cost more, for fewer hyphens). */
export const SETTINGS = {
  stretch: ['--typeset-space-stretch', 1],
  shrink: ['--typeset-space-shrink', 1 / 3],
  minLetters: ['--typeset-hyphen-min-letters', 3],
  maxHyphenRun: ['--typeset-hyphen-max-lines', 2],
  hyphenPenalty: ['--typeset-hyphen-penalty', 200],
  hardHyphenPenalty: ['--typeset-hard-hyphen-penalty', 50],
  breakPenalty: ['--typeset-break-penalty', 0],
  pageEndHyphenPenalty: ['--typeset-page-end-hyphen-penalty', 10000],
  pretolerance: ['--typeset-pretolerance', 200],
  tolerance: ['--typeset-tolerance', 200],
  emergencyTolerance: ['--typeset-emergency-tolerance', 2000],
  linePenalty: ['--typeset-line-penalty', 10],
  doubleHyphenDemerits: ['--typeset-double-hyphen-demerits', 10000],
  finalHyphenDemerits: ['--typeset-final-hyphen-demerits', 5000],
  adjacentDemerits: ['--typeset-adjacent-demerits', 10000],
  shortLastLine: ['--typeset-short-last-line', 0.15],
  shortLastLineDemerits: ['--typeset-short-last-line-demerits', 5000],
  looseGap: ['--typeset-loose-gap-pt', 5.5],
  letterSpacing: ['--typeset-letter-spacing-max', 0.02],
  safety: ['--typeset-safety-px', 0.5],
} as const satisfies Record<string, readonly [string, number]>;

/** `off`: the paragraphs are left to the browser's line-by-line breaking. */
export const OFF_PROPERTY = '--typeset-paragraphs';

export const SETTING_PROPERTIES: string[] = [OFF_PROPERTY, ...Object.values(SETTINGS).map(([name]) => name)];

/** A custom property that is set but is no number. */
export class TypesetSettingError extends Error {
  constructor(readonly property: string, readonly value: string) {
    super(`${property}: "${value}" is not a number`);
    this.name = 'TypesetSettingError';
  }
}

/** The settings from the page's custom properties (read by measureParagraphs); an unset one takes its default. */
export function typesetSettings(values: Readonly<Record<string, string>>): TypesetSettings {
  const read = (key: keyof typeof SETTINGS): number => {
    const [name, fallback] = SETTINGS[key];
    const raw = values[name]?.trim() ?? '';
    if (raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new TypesetSettingError(name, raw);
    return n;
  };
  return {
    stretch: read('stretch'), shrink: read('shrink'), minLetters: read('minLetters'), maxHyphenRun: read('maxHyphenRun'),
    hyphenPenalty: read('hyphenPenalty'), hardHyphenPenalty: read('hardHyphenPenalty'), breakPenalty: read('breakPenalty'), pageEndHyphenPenalty: read('pageEndHyphenPenalty'),
    pretolerance: read('pretolerance'), tolerance: read('tolerance'), emergencyTolerance: read('emergencyTolerance'),
    demerits: {
      linePenalty: read('linePenalty'), doubleHyphenDemerits: read('doubleHyphenDemerits'), finalHyphenDemerits: read('finalHyphenDemerits'),
      adjacentDemerits: read('adjacentDemerits'), shortLastLine: read('shortLastLine'), shortLastLineDemerits: read('shortLastLineDemerits'),
    },
    looseGap: read('looseGap'), letterSpacing: read('letterSpacing'),
    safety: read('safety'),
  };
}
