import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { addedChapter, fixtureChapter, makeFixtureBook } from './helpers/fixture-book.js';
import { pageLines, pdfPages } from './helpers/pdf-pages.js';
import { hasValidator } from './helpers/validators.js';

/**
 * The breaks a book designer would choose (issue 23), held on a fixture book printed for real
 * and read back from its PDF (pdftotext -layout, page by page): a chapter made to break in
 * the wrong places if nothing prevented it.
 */

const SHORT = 'Breaks Fixture';
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ['layout', 'reader', 'margin', 'column', 'proof', 'measure', 'sheet', 'folio'][(i * 7 + seed) % 8]).join(' ');
const para = (n: number, seed: number) => `${words(n, seed).replace(/^./, (c) => c.toUpperCase())}.`;

/**
 * A listing of blocks four lines deep: three of every five lines open a block, so a page
 * breaking anywhere in it would end on an opener more often than not.
 */
const LISTING = ['```python', ...Array.from({ length: 34 }, (_, i) => [
  `def handler_${i}(event):`,
  '    if event.ready:',
  '        for item in event.items:',
  `            process(item, ${i})`,
  '',
]).flat().slice(0, -1), '```'].join('\n');

/** Commentaries of three paragraphs after fillers of uneven length: several fall at a page's end. */
const COMMENTARIES = Array.from({ length: 8 }, (_, i) => [
  para(40 + ((i * 53) % 140), i),
  `:::commentary{name="Reviewer ${'ABCDEFGH'[i]}" role="Fixture Expert" affiliation="Test Press"}`,
  `Remark${i}a ${words(45, i)}.`,
  '',
  `Remark${i}b ${words(50, i + 1)}.`,
  '',
  `Remark${i}c ${words(40, i + 2)}.`,
  ':::',
].join('\n\n')).join('\n\n');

/**
 * Commentaries taller than a page, each opening and closing on a one-line paragraph, after
 * fillers of uneven length: a break after the first or before the last would leave one line
 * of text, or the signature, alone on a page. Each has its own words, to be told apart on a page.
 */
const TALL_WORDS = [
  ['gutter', 'kerning', 'ligature', 'serif', 'glyph', 'leading', 'tracking', 'baseline'],
  ['ascender', 'descender', 'counter', 'spine', 'bowl', 'stem', 'terminal', 'swash'],
  ['octavo', 'quarto', 'recto', 'verso', 'imposition', 'bleed', 'trim', 'crop'],
];
const tallWords = (k: number, n: number, seed: number) => Array.from({ length: n }, (_, i) => TALL_WORDS[k]![(i * 5 + seed) % 8]).join(' ');
const TALL = TALL_WORDS.map((_, k) => [
  para(30 + k * 45, k + 3),
  `:::commentary{name="Longform ${'XYZ'[k]}" role="Fixture Expert" affiliation="Test Press"}`,
  `Tall${k} opens.`,
  ...Array.from({ length: 6 }, (_, j) => `${tallWords(k, 95, j).replace(/^./, (c) => c.toUpperCase())}.`),
  `Tall${k} closes.`,
  ':::',
].join('\n\n')).join('\n\n');

/** The heading the report printed as "…Python 2 to Python / 3" (p. 9), and the one printed "…ML, and / AI" (p. 90). */
const RUNT_HEADINGS = ['The (very) difficult transition from Python 2 to Python 3', 'Developers place a strong focus on maintaining their proficiency in web and software development, ML, and AI'];

const CHAPTER = fixtureChapter('Where pages break: a fixture chapter', SHORT, `${para(120, 1)}

${para(160, 2)}

## A listing

${LISTING}

## Commentaries

${COMMENTARIES}

## ${RUNT_HEADINGS[0]}

${para(60, 4)}

:::stats
- **550+** professionals on board
- **300+** clients served
- **18+** years of market experience
- **3.5+** years' average partnership
:::

## ${RUNT_HEADINGS[1]}

${para(60, 5)}

## Commentaries taller than a page

${TALL}
`);

describe.skipIf(!hasValidator('pdftotext'))('print breaks, on a fixture chapter built to break badly', () => {
  let pages: string[][];
  let preflight: string;
  beforeAll(async () => {
    const root = await makeFixtureBook({
      ...addedChapter('04-breaks.md', CHAPTER),
    });
    const result = await build({ root, outDir: join(root, 'dist'), only: ['pdf'], noCache: true });
    pages = pdfPages(join(root, 'dist', 'fixture-book.pdf')).map(pageLines);
    preflight = result.preflight!.join('\n');
  }, 300_000);

  const chapterPages = () => {
    // The last page with the chapter's title: the contents lists it first.
    const first = pages.findLastIndex((p) => p.some((l) => l.includes('Where pages break')));
    const last = pages.findLastIndex((p) => p.some((l) => l.includes('Reviewer H')));
    expect(first).toBeGreaterThanOrEqual(0);
    return { first, last };
  };

  it('prints no running head on the page the chapter opens on, and one on the pages after', () => {
    const { first, last } = chapterPages();
    expect(pages[first]!.slice(0, 3)).not.toContain(SHORT);
    for (let i = first + 1; i <= last; i++) expect(pages[i]![0], `page ${i + 1}`).toBe(SHORT);
    expect(preflight).toMatch(/head-on-opener: 0\b/);
  });

  it('never ends a page on a listing line that opens a block', () => {
    const { first, last } = chapterPages();
    const pagesWithCode = pages.slice(first, last + 1).filter((p) => p.some((l) => /^def handler_\d+/.test(l)) || p.some((l) => /^process\(item/.test(l)));
    // The listing (170 lines) spans pages: there are page breaks in it to check.
    expect(pagesWithCode.length).toBeGreaterThanOrEqual(3);
    const broken: string[] = [];
    for (let i = first; i < last; i++) {
      const body = pages[i]!.filter((l) => !/^\d+$/.test(l)); // the folio
      const lastLine = body.at(-1)!;
      const next = pages[i + 1]!.slice(1).find((l) => !/continued/i.test(l)) ?? '';
      if (/^(def handler_\d+\(event\)|if event\.ready|for item in event\.items):$/.test(lastLine)) broken.push(`p. ${i + 1}: ${lastLine} / ${next}`);
    }
    expect(broken).toEqual([]);
    expect(preflight).toMatch(/listing-break: 0\b/);
  });

  it('keeps each commentary that fits on a page in one piece, with its signature', () => {
    const { first, last } = chapterPages();
    const pageOf = (needle: string) => {
      const found = [];
      for (let i = first; i <= last; i++) if (pages[i]!.some((l) => l.includes(needle))) found.push(i + 1);
      return found;
    };
    const split: string[] = [];
    let commentaryPages = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const at = [`Remark${i}a`, `Remark${i}b`, `Remark${i}c`, `Reviewer ${'ABCDEFGH'[i]}`].map(pageOf);
      for (const p of at) expect(p).toHaveLength(1);
      const on = new Set(at.flat());
      if (on.size > 1) split.push(`commentary ${i}: pp. ${[...on].join(', ')}`);
      commentaryPages = new Set([...commentaryPages, ...on]);
    }
    expect(split).toEqual([]);
    // Eight commentaries over several pages: some had a page end to fall on.
    expect(commentaryPages.size).toBeGreaterThanOrEqual(3);
    expect(preflight).toMatch(/split-commentary: 0\b/);
  });

  it('splits each commentary taller than a page with two lines of its text or more on each side, its signature never alone', () => {
    const sides: string[] = [];
    for (const [k, vocabulary] of TALL_WORDS.entries()) {
      const isText = (line: string) => line.includes(`Tall${k}`) || line.split(/\s+/).some((w) => vocabulary.includes(w.replace(/[^a-z]/gi, '').toLowerCase()));
      const perPage = pages.map((p) => p.filter(isText).length);
      const on = perPage.flatMap((n, i) => (n > 0 ? [i] : []));
      const signature = pages.findLastIndex((p) => p.some((l) => l.includes(`Longform ${'XYZ'[k]}`)));
      // Taller than a page: it breaks, and the signature is on the page of its last lines.
      expect(on.length, `commentary ${k}`).toBeGreaterThanOrEqual(2);
      expect(signature, `commentary ${k}`).toBe(on.at(-1));
      sides.push(`commentary ${k}: ${perPage[on[0]!]} lines at the foot of p. ${on[0]! + 1}, ${perPage[on.at(-1)!]} with the signature on p. ${on.at(-1)! + 1}`);
      expect(perPage[on[0]!], sides.at(-1)).toBeGreaterThanOrEqual(2);
      expect(perPage[on.at(-1)!], sides.at(-1)).toBeGreaterThanOrEqual(2);
    }
    expect(preflight).toMatch(/split-commentary: 0\b/);
  });

  it('balances a heading that would end on one short word ("…Python 2 to Python / 3")', () => {
    for (const heading of RUNT_HEADINGS) {
      const start = heading.split(' ').slice(0, 4).join(' ');
      const page = pages.findLastIndex((p) => p.some((l) => l.startsWith(start)));
      expect(page, heading).toBeGreaterThanOrEqual(0);
      const lines = pages[page]!.slice(pages[page]!.findIndex((l) => l.startsWith(start)));
      const printed: string[] = [];
      while (printed.join(' ').length < heading.length) printed.push(lines[printed.length]!);
      expect(printed.join(' ')).toBe(heading);
      // It does not fit on one line; balanced, its last line is not a lone word.
      expect(printed.length, heading).toBeGreaterThanOrEqual(2);
      expect(printed.at(-1)!.split(/\s+/).length, printed.join(' / ')).toBeGreaterThanOrEqual(2);
    }
    expect(preflight).toMatch(/heading-runt: 0\b/);
  });

  it('sets the stat captions ragged: no justified narrow block', () => {
    expect(pages.some((p) => p.some((l) => l.includes('550+')))).toBe(true);
    expect(preflight).toMatch(/justified-narrow: 0\b/);
  });
});
