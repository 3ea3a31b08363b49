import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { addedChapter, fixtureChapter, makeFixtureBook } from './helpers/fixture-book.js';
import { pageLines, pdfPages, squash } from './helpers/pdf-pages.js';
import { pdfWords, type PdfWord } from './helpers/pdf-typography.js';
import { hasValidator } from './helpers/validators.js';

/**
 * Footnotes in print (issue 23): each at the foot of the page its reference lands on, below all
 * of that page's text, once, without the web's "Notes" heading and "↩". Held on a fixture book
 * printed for real, its words' positions read back from the PDF (pdftotext -bbox).
 */

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ['layout', 'reader', 'margin', 'column', 'proof', 'measure', 'sheet', 'folio'][(i * 7 + seed) % 8]).join(' ');
const para = (n: number, seed: number) => `${words(n, seed).replace(/^./, (c) => c.toUpperCase())}.`;

/** Two notes, each referenced in the middle of a long paragraph; the second long, of long words (their soft hyphens must not reach the PDF's text). */
const NOTES = ['Firstnote the measure was taken in the spring of that year.', 'Secondnote counted over the whole survey, not per question: the representativeness of the internationalisation questions was questioned by several respondents, who considered their categorisation incomprehensible and their characterisation of multidisciplinary responsibilities overcomplicated.'];

const CHAPTER = fixtureChapter('Notes at the foot: a fixture chapter', 'Footnotes Fixture', `${para(150, 1)}

${para(90, 2)} Firstref ${words(3, 3)}.[^first] ${para(90, 4)}

${para(220, 5)}

${para(200, 6)}

${para(120, 7)} Secondref ${words(3, 8)}.[^second] ${para(110, 9)}

${para(160, 10)}

[^first]: ${NOTES[0]}
[^second]: ${NOTES[1]}
`);

describe.skipIf(!hasValidator('pdftotext'))('footnotes in print, on a fixture chapter', () => {
  let text: string;
  let lines: string[];
  let found: PdfWord[];
  let preflight: string;
  beforeAll(async () => {
    const root = await makeFixtureBook({
      ...addedChapter('04-footnotes.md', CHAPTER),
    });
    const result = await build({ root, outDir: join(root, 'dist'), only: ['pdf'], noCache: true });
    const pdf = join(root, 'dist', 'fixture-book.pdf');
    const pages = pdfPages(pdf);
    text = squash(pages.join('\n'));
    lines = pages.flatMap(pageLines);
    found = pdfWords(pdf);
    preflight = result.preflight!.join('\n');
  }, 300_000);

  it.each([['Firstref', 'Firstnote'], ['Secondref', 'Secondnote']])('prints the note of %s at the foot of its page, below all its text', (ref, note) => {
    const at = found.filter((w) => w.text === ref);
    const noted = found.filter((w) => w.text === note);
    expect(at).toHaveLength(1);
    expect(noted).toHaveLength(1);
    const { page } = at[0]!;
    expect(noted[0]!.page).toBe(page);
    // The reference is mid-page: body text follows it on the page, and all of it is above the note.
    const onPage = found.filter((w) => w.page === page);
    const noteTop = noted[0]!.yMin;
    const body = onPage.filter((w) => w.yMax < noteTop - 1);
    expect(body.filter((w) => w.yMin > at[0]!.yMax).length).toBeGreaterThan(10);
    const below = onPage.filter((w) => w.yMin > noteTop + 1 && !/^\d+$/.test(w.text));
    const noteWords = new Set(NOTES.join(' ').split(' '));
    expect(below.filter((w) => !noteWords.has(w.text.replace(/\.$/, '')) && !noteWords.has(w.text)).map((w) => w.text)).toEqual([]);
    // At the foot: the note's last line is within a line of the text area's bottom (26 mm above the page's edge).
    const last = Math.max(...onPage.filter((w) => w.yMin >= noteTop - 1 && !/^\d+$/.test(w.text) || w === noted[0]).map((w) => w.yMax));
    const areaBottom = (297 - 26) * (72 / 25.4);
    expect(last).toBeGreaterThan(areaBottom - 14);
    expect(last).toBeLessThanOrEqual(areaBottom + 1);
  });

  it('prints each note once, with no "Notes" heading and no back-arrow', () => {
    for (const note of NOTES) expect(text.split(note).length - 1, note).toBe(1);
    expect(text).not.toContain('↩');
    expect(lines.filter((l) => /^notes$/i.test(l))).toEqual([]);
  });

  it('reports no footnote away from its page', () => {
    expect(preflight).toMatch(/footnote-away: 0\b/);
  });
});

describe.skipIf(!hasValidator('pdftotext'))('a footnote too tall for its page', () => {
  const LONG = `Longnote ${words(700, 11)}.`;
  it('is printed once, after its reference, and reported with its reason', async () => {
    const root = await makeFixtureBook({
      ...addedChapter('04-footnotes.md', CHAPTER.replace(NOTES[0]!, LONG)),
    });
    const result = await build({ root, outDir: join(root, 'dist'), only: ['pdf'], noCache: true });
    const pdf = join(root, 'dist', 'fixture-book.pdf');
    const found = pdfWords(pdf);
    const ref = found.find((w) => w.text === 'Firstref')!;
    const note = found.filter((w) => w.text === 'Longnote');
    expect(note).toHaveLength(1);
    expect(note[0]!.page).toBeGreaterThan(ref.page);
    expect(result.preflight!.join('\n')).toMatch(/footnote-away: a footnote \(footnotes-fn-first\) is not at the foot of its reference's page \(reason: .+\)/);
  }, 300_000);
});
