/**
 * Knuth–Plass line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981; TeX's
 * §813–890): the breaks of a whole paragraph are chosen together, to minimise the sum of each
 * line's demerits, instead of line by line as a browser does. Pure: the print page measures the
 * items (measure-paragraphs.ts), this chooses the breaks, the page applies them (set-paragraphs.ts).
 */

/** A piece of text that is never broken (a word, or the part of one between two hyphenation points). */
export interface Box { readonly type: 'box'; readonly width: number; readonly text: string }
/** A space: it can stretch and shrink, and a line can break at it (when a box comes before it). */
export interface Glue { readonly type: 'glue'; readonly width: number; readonly stretch: number; readonly shrink: number }
/** A place a line may break at a cost (`penalty`); `width` is what is printed if it does (a hyphen). `flagged`: a hyphenation. */
export interface Penalty { readonly type: 'penalty'; readonly width: number; readonly penalty: number; readonly flagged: boolean }
export type Item = Box | Glue | Penalty;

/** A penalty this high forbids the break; this low forces it. */
export const FORBIDDEN = 10_000;
/**
 * The badness of a line that cannot be stretched to its measure (one word, room to spare): worse
 * than any line that can, however loose (TeX's inf_bad is 10000; here a loose line is preferred).
 */
const INFINITELY_BAD = 1e9;
export const FORCED = -10_000;

export interface LineBreakOptions {
  /** The worst badness (100·r³, r the stretch ratio) a line may have. */
  readonly tolerance: number;
  /** Added to every line's badness before squaring: fewer lines are preferred. TeX's \linepenalty. */
  readonly linePenalty: number;
  /** Demerits for two hyphenated lines in a row (TeX's \doublehyphendemerits). */
  readonly doubleHyphenDemerits: number;
  /** Demerits when the second-last line ends in a hyphen (TeX's \finalhyphendemerits). */
  readonly finalHyphenDemerits: number;
  /** Demerits for a line whose spacing differs by more than one class from the line before (TeX's \adjdemerits). */
  readonly adjacentDemerits: number;
  /** Hyphenated lines allowed in a row (hyphenate-limit-lines). */
  readonly maxHyphenRun: number;
  /** A last line shorter than this share of the measure costs `shortLastLineDemerits`. */
  readonly shortLastLine: number;
  readonly shortLastLineDemerits: number;
  /** More penalty for a hyphen that ends the given lines (from 0): a hyphen at a page's foot. FORBIDDEN or more forbids it. */
  readonly hyphenAtLine?: ReadonlyMap<number, number>;
}

export interface LineBreak {
  /** The item the line ends at (a glue, a penalty, or the paragraph's end). */
  readonly position: number;
  /** How far the line's glue is stretched (> 0) or shrunk (< 0), as a share of what it can give. */
  readonly ratio: number;
  /** The line ends in a hyphenation. */
  readonly flagged: boolean;
}

interface Node {
  readonly position: number;
  readonly line: number;
  readonly fitness: number;
  /** Hyphenated lines in a row ending at this break. */
  readonly run: number;
  readonly width: number;
  readonly stretch: number;
  readonly shrink: number;
  readonly demerits: number;
  readonly ratio: number;
  readonly flagged: boolean;
  readonly previous: Node | undefined;
}

const isForced = (item: Item) => item.type === 'penalty' && item.penalty <= FORCED;
const fitnessOf = (r: number) => (r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3);

/**
 * The breaks of the best setting of `items` whose every line's badness is within the tolerance,
 * or undefined if there is none. `widths[i]` is the measure of line i (the last one repeats).
 * The caller ends `items` with the paragraph's finishing glue and a forced break.
 */
export function breakLines(items: readonly Item[], widths: readonly number[], options: LineBreakOptions): LineBreak[] | undefined {
  const n = items.length;
  // Sums of the widths, stretches and shrinks of everything before each item.
  const sumW = new Float64Array(n + 1);
  const sumY = new Float64Array(n + 1);
  const sumZ = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    sumW[i + 1] = sumW[i]! + (item.type === 'penalty' ? 0 : item.width);
    sumY[i + 1] = sumY[i]! + (item.type === 'glue' ? item.stretch : 0);
    sumZ[i + 1] = sumZ[i]! + (item.type === 'glue' ? item.shrink : 0);
  }
  const measure = (line: number) => widths[Math.min(line, widths.length - 1)]!;
  let active: Node[] = [{ position: 0, line: 0, fitness: 1, run: 0, width: 0, stretch: 0, shrink: 0, demerits: 0, ratio: 0, flagged: false, previous: undefined }];
  let last: Node | undefined;

  for (let b = 0; b < n; b++) {
    const item = items[b]!;
    const legal = item.type === 'penalty' ? item.penalty < FORBIDDEN : item.type === 'glue' && b > 0 && items[b - 1]!.type === 'box';
    if (!legal) continue;
    const penalty = item.type === 'penalty' ? item.penalty : 0;
    const flagged = item.type === 'penalty' && item.flagged;
    const forced = penalty <= FORCED;
    const best = new Map<string, Node>();
    const kept: Node[] = [];
    for (const a of active) {
      const length = sumW[b]! - a.width + (item.type === 'penalty' ? item.width : 0);
      const target = measure(a.line);
      let ratio: number;
      if (length < target) {
        const stretch = sumY[b]! - a.stretch;
        ratio = stretch > 0 ? (target - length) / stretch : Number.POSITIVE_INFINITY;
      } else if (length > target) {
        const shrink = sumZ[b]! - a.shrink;
        ratio = shrink > 0 ? (target - length) / shrink : Number.NEGATIVE_INFINITY;
      } else ratio = 0;
      // A line that cannot shrink enough ends this node's run; so does a forced break.
      if (!(ratio < -1 || forced)) kept.push(a);
      if (ratio < -1) continue;
      // A line with nothing to stretch (one word) and room to spare: a last resort.
      const badness = Number.isFinite(ratio) ? 100 * Math.abs(ratio) ** 3 : INFINITELY_BAD;
      if (!Number.isFinite(ratio)) ratio = 0;
      if (badness > options.tolerance) continue;
      const run = flagged ? a.run + 1 : 0;
      if (run > options.maxHyphenRun) continue;
      const extra = flagged ? (options.hyphenAtLine?.get(a.line) ?? 0) : 0;
      if (extra >= FORBIDDEN) continue;
      let demerits = (options.linePenalty + badness) ** 2;
      if (penalty >= 0) demerits += Math.min(penalty + extra, FORBIDDEN) ** 2;
      else if (!forced) demerits -= penalty ** 2;
      if (flagged && a.flagged) demerits += options.doubleHyphenDemerits;
      if (forced && a.flagged) demerits += options.finalHyphenDemerits;
      // The last line's finishing glue takes up the slack, so `length` is its natural width.
      if (forced && a.line > 0 && length < options.shortLastLine * target) demerits += options.shortLastLineDemerits;
      const fitness = fitnessOf(ratio);
      if (Math.abs(fitness - a.fitness) > 1) demerits += options.adjacentDemerits;
      demerits += a.demerits;
      // A penalty for one line number makes the line number part of a break's state.
      const key = options.hyphenAtLine?.size ? `${fitness}/${run}/${a.line + 1}` : `${fitness}/${run}`;
      const seen = best.get(key);
      if (!seen || demerits < seen.demerits) {
        best.set(key, { position: b, line: a.line + 1, fitness, run, width: 0, stretch: 0, shrink: 0, demerits, ratio, flagged, previous: a });
      }
    }
    active = kept;
    if (best.size > 0) {
      // The next line starts after the break and whatever glue and penalties follow it (they vanish at a break).
      let start = b + 1;
      while (start < n && items[start]!.type !== 'box' && !isForced(items[start]!)) start++;
      for (const node of best.values()) active.push({ ...node, width: sumW[start]!, stretch: sumY[start]!, shrink: sumZ[start]! });
    }
    if (forced) {
      last = active.reduce<Node | undefined>((m, node) => (node.position === b && (!m || node.demerits < m.demerits) ? node : m), undefined);
      if (!last) return undefined;
      active = [last];
    }
    if (active.length === 0) return undefined;
  }
  if (!last) return undefined;
  const breaks: LineBreak[] = [];
  for (let node: Node | undefined = last; node?.previous; node = node.previous) breaks.push({ position: node.position, ratio: node.ratio, flagged: node.flagged });
  return breaks.reverse();
}
