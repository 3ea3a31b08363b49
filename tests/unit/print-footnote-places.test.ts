import { describe, expect, it } from 'vitest';
import { FootnotePlacer, spotsOnPage } from '../../scripts/print/footnote-places.js';
import type { FootnoteRef, PlaceKind } from '../../scripts/print/footnotes.js';
import type { DestinationPlace } from '../../scripts/print/read-destinations.js';

/**
 * Where a page's footnotes may go (print/footnote-places.ts), from a pass's destinations: a
 * paragraph of eight lines after a reference, four words a line, 16.5 pt apart, from 300 pt
 * up the page down to 184.5 pt; then a block on the next page.
 */
const LINE = 16.5;
function paragraph(): { after: Array<[string, PlaceKind]>; places: Map<string, DestinationPlace> } {
  const after: Array<[string, PlaceKind]> = [];
  const places = new Map<string, DestinationPlace>([['ref', { page: 2, y: 300 }]]);
  for (let line = 0; line < 8; line++) {
    for (let w = 0; w < 4; w++) {
      const id = `w${line}-${w}`;
      after.push([id, 'word']);
      places.set(id, { page: 2, y: 300 - line * LINE });
    }
  }
  after.push(['next-block', 'block'], ['end', 'end']);
  places.set('next-block', { page: 3, y: 770 });
  places.set('end', { page: 3, y: 500 });
  return { after, places };
}

describe('footnote places', () => {
  it('are line starts, latest first, leaving two lines of the paragraph on either side', () => {
    const { after, places } = paragraph();
    const spots = spotsOnPage(after, places, 2, 0);
    // Line 1 is the reference's own; lines 2 and 8 would leave one line alone before or after the notes.
    expect(spots.map(([id]) => id)).toEqual(['w6-0', 'w5-0', 'w4-0', 'w3-0', 'w2-0']);
    expect(spots.every(([, kind]) => kind === 'word')).toBe(true);
  });

  it('leave room for the notes under them', () => {
    const { after, places } = paragraph();
    // Notes 60 pt tall above a text area ending at 150 pt: the place's top must be 210 pt up or more.
    const spots = spotsOnPage(after, places, 2, 210);
    expect(spots.map(([id, , top]) => [id, top])).toEqual([['w5-0', 217.5], ['w4-0', 234], ['w3-0', 250.5], ['w2-0', 267]]);
  });

  it('are the next page\'s start, reported with a reason, when the reference is too near the foot', () => {
    const { after, places } = paragraph();
    const ref: FootnoteRef = { ref: 'ref', note: 'fn-1', after };
    // A note taller than the page has left under its reference: 200 px is 150 pt.
    const placer = new FootnotePlacer({ refs: [ref], heights: { 'fn-1': 200 } }, 150, 0);
    // The last (only) page's notes: the words' marks go with their placing.
    expect(placer.afterPass(places)).toEqual([
      { place: { id: 'print-footnotes-0', notes: ['fn-1'], before: 'next-block', kind: 'block', padPx: 0 } },
      { unmark: { keep: [] } },
    ]);
    // The pass after: the notes where they were put, at the top of page 3.
    places.set('print-footnotes-0-end', { page: 3, y: 700 });
    expect(placer.afterPass(places)).toEqual([]);
    placer.finish(places);
    expect(placer.findings).toEqual([expect.objectContaining({ page: 2, kind: 'footnote-away', reason: expect.stringMatching(/too near the page's foot/) })]);
  });

  it('try the place before when Chromium did not keep the break, and push the notes to the foot', () => {
    const { after, places } = paragraph();
    const placer = new FootnotePlacer({ refs: [{ ref: 'ref', note: 'fn-1', after }], heights: { 'fn-1': 40 } }, 150, 0);
    const [first, unmark] = placer.afterPass(places);
    expect(first).toMatchObject({ place: { before: 'w6-0', kind: 'word' } });
    // The words' marks go, but for the three places still to try (four at most).
    expect(unmark).toEqual({ unmark: { keep: ['w5-0', 'w4-0', 'w3-0'] } });
    // The notes went on to the next page: taken back, and put in a line earlier.
    places.set('print-footnotes-0-end', { page: 3, y: 720 });
    const retry = placer.afterPass(places);
    expect(retry).toEqual([{ unplace: 'print-footnotes-0' }, expect.objectContaining({ place: expect.objectContaining({ before: 'w5-0' }) })]);
    // Kept on page 2, but 10 pt above the foot: pushed down once.
    places.set('print-footnotes-0-end', { page: 2, y: 160 });
    expect(placer.afterPass(places)).toEqual([{ push: { id: 'print-footnotes-0', px: (10 - 1.5) * (96 / 72) } }]);
    places.set('print-footnotes-0-end', { page: 2, y: 151 });
    expect(placer.afterPass(places)).toEqual([]);
    expect(placer.settled).toBe(true);
    placer.finish(places);
    expect(placer.findings).toEqual([]);
  });
});
