import type { MarkedExtent } from './page-geometry.js';
import type { PreflightFinding } from './preflight.js';
import { walk, type StructElement, type StructTree } from './struct-tree.js';

/** What one expert commentary printed on one page (points). */
export interface CommentaryPiece {
  readonly page: number;
  /** Lines of its paragraphs' text there (the label and the signature are not text). */
  readonly lines: number;
  /** Whether its signature (the byline) is there. */
  readonly signature: boolean;
  /** From the top of its first line there to the bottom of its last. */
  readonly height: number;
}

/** Fewer lines of a split commentary than this on either side of a break is a fault. */
export const MIN_SIDE_LINES = 2;
/**
 * What a box adds to its text's height: its padding (1rem = 11 pt above and below), its 4 px
 * top border and half a line's leading at each end (styles/brand.css). A split box whose text
 * and frame fit a page would have fitted whole.
 */
const BOX_FRAME_PT = 2 * 11 + 3 + 8;

/**
 * The faults of a commentary split across pages (issue 23): one that would have fitted on one
 * page (keep-commentaries.ts keeps such a box whole), fewer than two lines of text on a side
 * of the break, or the signature alone on the last page. `pieces` are one commentary's, in page
 * order; `areaHeight` is the page's text area (points).
 */
export function commentarySplitFindings(pieces: readonly CommentaryPiece[], areaHeight: number): PreflightFinding[] {
  if (pieces.length < 2) return [];
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const findings: PreflightFinding[] = [];
  const tall = pieces.reduce((sum, p) => sum + p.height, 0) + BOX_FRAME_PT;
  if (tall <= areaHeight) {
    findings.push({ page: first.page, kind: 'split-commentary', message: `an expert commentary that fits on one page (${Math.round(tall / (72 / 25.4))} mm) breaks across ${pieces.length} pages` });
  }
  if (first.lines < MIN_SIDE_LINES) {
    findings.push({ page: first.page, kind: 'split-commentary', message: `an expert commentary breaks after ${lines(first.lines)} of its text at the foot of the page` });
  }
  if (last.lines === 0 && last.signature) {
    findings.push({ page: last.page, kind: 'split-commentary', message: 'the signature of an expert commentary stands alone at the top of the page' });
  } else if (last.lines < MIN_SIDE_LINES) {
    findings.push({ page: last.page, kind: 'split-commentary', message: `an expert commentary goes on with only ${lines(last.lines)} of its text at the top of the page` });
  }
  return findings;
}

const lines = (n: number) => (n === 1 ? 'one line' : `${n} lines`);

/**
 * Every expert commentary's pieces, read from a printed PDF's structure tree and geometry:
 * Chromium tags `aside.commentary` as an Aside whose first child is its label (a P), whose last
 * is its byline (the footer, not a P) and whose paragraphs are the Ps between.
 */
export function commentaryPieces(geometry: readonly MarkedExtent[][], tree: StructTree): CommentaryPiece[][] {
  const byMcid = geometry.map((extents) => new Map(extents.filter((e) => e.mcid !== undefined && !e.artifact).map((e) => [e.mcid!, e])));
  const all: CommentaryPiece[][] = [];
  for (const aside of walk(tree.roots)) {
    if (aside.type !== 'Aside') continue;
    const children = aside.children;
    const signature = children.length > 1 && children[children.length - 1]!.type !== 'P' ? children[children.length - 1] : undefined;
    const label = children[0]?.type === 'P' && children.length > 2 ? children[0] : undefined;
    const pages = new Map<number, { lines: Set<number>; signature: boolean; top: number; bottom: number }>();
    for (const child of children) {
      for (const [index, mcid] of contentOf(child)) {
        const extent = byMcid[index]?.get(mcid);
        if (!extent) continue;
        let on = pages.get(index + 1);
        if (!on) pages.set(index + 1, (on = { lines: new Set(), signature: false, top: -Infinity, bottom: Infinity }));
        on.top = Math.max(on.top, extent.top);
        on.bottom = Math.min(on.bottom, extent.bottom);
        if (child === signature) on.signature = true;
        else if (child !== label) for (const b of extent.baselines) on.lines.add(b);
      }
    }
    all.push([...pages].sort(([a], [b]) => a - b).map(([page, on]) => ({ page, lines: on.lines.size, signature: on.signature, height: on.top - on.bottom })));
  }
  return all;
}

/** An element's marked content and its descendants': [page index, MCID]. */
function contentOf(e: StructElement): Array<[number, number]> {
  return [...walk([e])].flatMap((d) => d.content);
}

/** The split-commentary findings of a printed unit. */
export function splitCommentaries(geometry: readonly MarkedExtent[][], tree: StructTree, areaHeight: number): PreflightFinding[] {
  return commentaryPieces(geometry, tree).flatMap((pieces) => commentarySplitFindings(pieces, areaHeight));
}
