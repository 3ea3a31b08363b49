import type { DestinationPlace } from './read-destinations.js';
import type { PreflightFinding } from './preflight.js';
import { FOOTNOTE_GROUP_PREFIX, type FootnotePlacement, type FootnoteRef, type PreparedFootnotes } from './footnotes.js';

/**
 * Where each page's footnotes go (footnotes.ts has the technique and what runs in the page),
 * decided from the passes' named destinations, one page's notes at a time.
 */

/** Room kept under the notes (points), so rounding never pushes them over the page's end. */
const GUARD_PT = 1.5;
/** Notes ending higher than this above the text area's foot (points) are pushed down again, once. */
const FOOT_TOLERANCE_PT = 4;
const PX_PER_PT = 96 / 72;

/** What to do in the page before the next pass. */
export type FootnoteAction =
  | { readonly place: FootnotePlacement }
  | { readonly unplace: string }
  | { readonly push: { id: string; px: number } }
  | { readonly unmark: { keep: string[] } };

/** A place for a page's notes: before this word or block, whose top is this far up the page (points). */
export type FootnoteSpot = readonly [string, 'word' | 'block' | 'end', number];

interface Pending {
  readonly id: string;
  readonly page: number;
  readonly refs: readonly string[];
  readonly notes: readonly string[];
  readonly height: number;
  /** The places not tried yet, latest first: a place Chromium's keeps (orphans, widows, a figure kept with its text) undo is followed by the one before it. */
  readonly spots: readonly FootnoteSpot[];
  pushed: boolean;
  readonly away?: string;
}

/** At most this many places are tried for one page's notes (a pass each). */
export const MAX_TRIES = 4;

/**
 * The footnotes' passes, one page's notes at a time: `afterPass` reads a pass's destinations
 * and says what to change before the next one (none when all are settled).
 */
export class FootnotePlacer {
  readonly findings: PreflightFinding[] = [];
  private next = 0;
  private pending: Pending | undefined;
  private groups = 0;
  private unmarked = false;

  /**
   * `areaBottom`: the text area's foot, points from the page's bottom. `destinationOffset`: what
   * Chromium's destinations' tops are off by (it writes them from the text area's top, as if
   * the page had no top margin: a place's top is its destination's less the top margin).
   */
  constructor(private readonly prepared: PreparedFootnotes, private readonly areaBottom: number, private readonly destinationOffset: number) {}

  get settled(): boolean {
    return this.pending === undefined && this.next >= this.prepared.refs.length;
  }

  afterPass(destinations: ReadonlyMap<string, DestinationPlace>): FootnoteAction[] {
    const places = this.placesOf(destinations);
    const check = this.pending ? this.check(this.pending, places) : undefined;
    if (check) return check;
    const actions = this.placeNext(places);
    if (actions.length === 0 || this.unmarked || this.next < this.prepared.refs.length) return actions;
    // The last page's notes are being placed: the words' spans go, but for the places still to try there.
    this.unmarked = true;
    return [...actions, { unmark: { keep: this.pending?.spots.map(([id]) => id) ?? [] } }];
  }

  /** After all passes: a group still waiting for its check is reported as it stands. */
  finish(destinations: ReadonlyMap<string, DestinationPlace>): void {
    const places = this.placesOf(destinations);
    if (this.pending) this.check({ ...this.pending, pushed: true, spots: [] }, places);
    for (const r of this.prepared.refs.slice(this.next)) this.away(places.get(r.ref)?.page ?? 1, [r.note], 'the print ran out of passes before it was placed');
    this.next = this.prepared.refs.length;
  }

  private placesOf(destinations: ReadonlyMap<string, DestinationPlace>): Map<string, DestinationPlace> {
    return new Map([...destinations].map(([id, d]) => [id, { page: d.page, y: d.y - this.destinationOffset }]));
  }

  private check(g: Pending, places: ReadonlyMap<string, DestinationPlace>): FootnoteAction[] | undefined {
    this.pending = undefined;
    const end = places.get(`${g.id}-end`);
    const moved = g.refs.some((r) => places.get(r)?.page !== g.page);
    const off = !end || end.page !== g.page;
    if (g.away) this.away(g.page, g.notes, g.away);
    else if ((moved || off) && g.spots.length > 0) {
      // Chromium did not keep that break: the notes go back and try the place before it.
      return [{ unplace: g.id }, this.placeAt({ ...g, pushed: false }, g.spots)];
    } else if (moved) this.away(g.page, g.notes, 'its reference moved to the next page when the note was put in');
    else if (off) this.away(g.page, g.notes, 'the page has no room for it under its reference\'s line, so it went on to the next page');
    else if (end.y - this.areaBottom > FOOT_TOLERANCE_PT && !g.pushed) {
      this.pending = { ...g, pushed: true, spots: [] };
      return [{ push: { id: g.id, px: (end.y - this.areaBottom - GUARD_PT) * PX_PER_PT } }];
    }
    return undefined;
  }

  private placeAt(g: Omit<Pending, 'spots'>, spots: readonly FootnoteSpot[]): FootnoteAction {
    const [before, kind, top] = spots[0]!;
    this.pending = { ...g, spots: spots.slice(1) };
    const padPx = Math.max(0, (top - this.areaBottom - g.height - GUARD_PT) * PX_PER_PT);
    return { place: { id: g.id, notes: [...g.notes], before, kind, padPx } };
  }

  private placeNext(places: ReadonlyMap<string, DestinationPlace>): FootnoteAction[] {
    const { refs, heights } = this.prepared;
    const first = refs[this.next];
    if (!first) return [];
    const page = places.get(first.ref)?.page;
    if (page === undefined) {
      this.away(1, [first.note], 'its reference is not printed');
      this.next++;
      return this.placeNext(places);
    }
    let last = this.next;
    while (last + 1 < refs.length && places.get(refs[last + 1]!.ref)?.page === page) last++;
    const on = refs.slice(this.next, last + 1);
    this.next = last + 1;
    const notes = on.map((r) => r.note);
    // One group's chrome (its rule and padding) is in every note's height: counted once too many per extra note, a little room to spare.
    const height = notes.reduce((sum, n) => sum + (heights[n] ?? 0), 0) / PX_PER_PT;
    const group = { id: `${FOOTNOTE_GROUP_PREFIX}${this.groups++}`, page, refs: on.map((r) => r.ref), notes, height, pushed: false };
    const spots = spotsOnPage(on.at(-1)!.after, places, page, this.areaBottom + height + GUARD_PT).slice(0, MAX_TRIES);
    if (spots.length > 0) return [this.placeAt(group, spots)];
    // No room under the reference's line: the notes go where the next page begins.
    const next = on.at(-1)!.after.find(([cid, kind]) => kind !== 'first' && (places.get(cid)?.page ?? 0) > page) ?? on.at(-1)!.after.at(-1)!;
    const kind = next[1] === 'first' ? 'block' : next[1];
    this.pending = { ...group, pushed: true, spots: [], away: 'its reference\'s line is too near the page\'s foot for the note to fit under it' };
    return [{ place: { id: group.id, notes, before: next[0], kind, padPx: 0 } }];
  }

  private away(page: number, notes: readonly string[], reason: string): void {
    this.findings.push({ page, kind: 'footnote-away', message: `a footnote (${notes.join(', ')}) is not at the foot of its reference's page`, reason });
  }
}

/**
 * The places on `page` after a reference whose top is at least `above` (points from the page's
 * bottom), latest first: a block, the content's end, or a word starting a line of a paragraph
 * with two lines or more on either side of it (the print's orphans and widows; the reference's
 * own paragraph is counted from its line). A word starts a line when its top is below the
 * word's before it.
 */
export function spotsOnPage(after: FootnoteRef['after'], places: ReadonlyMap<string, DestinationPlace>, page: number, above: number): FootnoteSpot[] {
  // Each word's line in its paragraph (1-based), whether it starts that line, and each paragraph's line count.
  const lineOf: number[] = [];
  const startsLine: boolean[] = [];
  const paragraphOf: number[] = [];
  const linesIn: number[] = [1];
  let paragraph = 0;
  let previous: DestinationPlace | undefined;
  after.forEach(([id, kind], i) => {
    const at = places.get(id);
    if (kind !== 'word') {
      paragraph++;
      linesIn[paragraph] = kind === 'first' ? 1 : 0;
      previous = kind === 'first' ? at : undefined;
    } else if (at) {
      startsLine[i] = previous !== undefined && (at.page > previous.page || at.y < previous.y - 1);
      if (startsLine[i]) linesIn[paragraph]!++;
      previous = at;
    }
    lineOf[i] = linesIn[paragraph]!;
    paragraphOf[i] = paragraph;
  });
  const spots: FootnoteSpot[] = [];
  after.forEach(([id, kind], i) => {
    const at = places.get(id);
    if (!at || at.page !== page || kind === 'first' || at.y < above) return;
    // Two lines or more before the notes and after them: Chromium would undo a break that leaves fewer.
    if (kind === 'word' && (!startsLine[i] || lineOf[i]! < 3 || linesIn[paragraphOf[i]!]! - lineOf[i]! + 1 < 2)) return;
    spots.push([id, kind, at.y]);
  });
  return spots.reverse();
}
