import type { PDFDocument } from 'pdf-lib';
import type { PrintedPage } from '../brand/printed-page.js';
import type { MarkedExtent } from './page-geometry.js';
import { blockOf, CONTAINERS, type StructElement, type StructTree } from './struct-tree.js';
import { formatBreakCounts, type BreakFindingKind } from './preflight-breaks.js';
import { formatCounts, type LineFault, type TypographyCounts } from './typeset/typography-counts.js';

const MM = 72 / 25.4;

/** The text area of a page, its top and bottom margins in points: the brand's page margins (tokens.css, made the @page rule). */
export interface TextArea {
  readonly topMargin: number;
  readonly bottomMargin: number;
}

export function textArea(page: PrintedPage): TextArea {
  return { topMargin: page.margin.top, bottomMargin: page.margin.bottom };
}
/** A page mid-chapter filled less than this is reported. */
export const MIN_FILL = 0.6;

export type FindingKind = 'underfilled' | 'hole' | 'stranded-heading' | 'widow' | 'orphan' | BreakFindingKind | LineFault['kind'] | 'page-end-hyphen';

export interface PreflightFinding {
  readonly page: number;
  readonly kind: FindingKind;
  readonly message: string;
  /** Why the layout could do no better: a finding with a reason is a note, not a warning. */
  readonly reason?: string;
}

export interface PreflightReport {
  /** How full each page's text area is (0–1); blank pages 0. */
  readonly fill: readonly number[];
  /** Pages that end mid-chapter (the next page continues the same chapter). */
  readonly midChapter: readonly number[];
  readonly findings: readonly PreflightFinding[];
  /** How the paragraphs were set (typeset/): absent where nothing was set. */
  readonly typography?: TypographyCounts;
}

interface PageBlock {
  readonly block: StructElement;
  top: number;
  bottom: number;
  readonly baselines: Set<number>;
}

/** The blocks whose lines can be left alone by a page break: paragraphs and listings (by tag). */
const BROKEN_BLOCKS = new Map([['P', 'paragraph'], ['Code', 'listing']]);

/**
 * The print preflight: per page, how full it is, and the faults a book designer looks for:
 * a heading alone at the foot of a page, one line of a paragraph alone at the top (widow) or
 * foot (orphan) of a page, and a page left partly empty because the block after it did not
 * fit. `chapterStarts` are the pages chapters, parts and the contents open on. Messages name no page
 * numbers but the finding's own: a print unit's findings move with its pages.
 */
export function preflight(doc: PDFDocument, geometry: readonly MarkedExtent[][], tree: StructTree, chapterStarts: ReadonlySet<number>, area: TextArea): PreflightReport {
  const height = doc.getPage(0).getHeight();
  const areaTop = height - area.topMargin;
  const areaHeight = areaTop - area.bottomMargin;
  const pages = geometry.map((extents, i) => blocksOf(extents, tree.owners[i]!));
  const fill = pages.map((blocks) => (blocks.length === 0 ? 0 : Math.min(1, Math.max(0, (areaTop - Math.min(...blocks.map((b) => b.bottom))) / areaHeight))));
  const findings: PreflightFinding[] = [];
  const midChapter: number[] = [];
  const mm = (pt: number) => `${Math.round(pt / MM)} mm`;
  for (let i = 0; i < pages.length - 1; i++) {
    const page = i + 1;
    const blocks = pages[i]!;
    const next = pages[i + 1]!;
    if (blocks.length === 0 || next.length === 0 || chapterStarts.has(page + 1) || chapterStarts.has(page)) continue;
    midChapter.push(page);
    const last = blocks[blocks.length - 1]!;
    const first = next[0]!;
    if (/^H[1-6]$/.test(last.block.type)) findings.push({ page, kind: 'stranded-heading', message: `a heading ends the page; its text starts on the next page` });
    const broken = first.block === last.block ? BROKEN_BLOCKS.get(first.block.type) : undefined;
    if (broken) {
      if (first.baselines.size === 1) findings.push({ page: page + 1, kind: 'widow', message: `one line of a ${broken} from the page before stands alone at the top of the page` });
      if (last.baselines.size === 1) findings.push({ page, kind: 'orphan', message: `the first line of a ${broken} stands alone at the foot of the page` });
    }
    const empty = 1 - fill[i]!;
    if (empty <= 1 / 3) continue;
    const left = empty * areaHeight;
    const moved = first.block !== last.block && CONTAINERS.has(first.block.type) ? first : undefined;
    const span = moved ? extentOnPages(moved.block, pages, i + 1) : 0;
    const what = moved ? `the ${describe(moved.block)} after it (${mm(span)})` : undefined;
    const reason = moved && span > left ? `${what} is kept in one piece and is taller than the ${mm(left)} left` : undefined;
    if (fill[i]! < MIN_FILL) {
      findings.push({ page, kind: 'underfilled', message: `only ${Math.round(fill[i]! * 100)}% full mid-chapter`, reason });
    } else if (moved) {
      findings.push({ page, kind: 'hole', message: `${Math.round(empty * 100)}% of the page left empty by ${what}`, reason });
    }
  }
  return { fill, midChapter, findings };
}

/** A page's content from top to bottom, grouped into blocks (paragraph, heading, figure...). */
function blocksOf(extents: readonly MarkedExtent[], owners: ReadonlyMap<number, StructElement>): PageBlock[] {
  const blocks: PageBlock[] = [];
  for (const e of extents) {
    if (e.mcid === undefined || e.artifact) continue;
    const owner = owners.get(e.mcid);
    if (!owner) continue;
    const block = blockOf(owner);
    let at: PageBlock | undefined = blocks[blocks.length - 1];
    if (at?.block !== block) at = blocks.find((b) => b.block === block);
    if (!at) blocks.push((at = { block, top: e.top, bottom: e.bottom, baselines: new Set() }));
    at.top = Math.max(at.top, e.top);
    at.bottom = Math.min(at.bottom, e.bottom);
    for (const b of e.baselines) at.baselines.add(b);
  }
  // Backgrounds are drawn before what is on them: the page's order is top to bottom.
  return blocks.sort((a, b) => b.top - a.top);
}

function extentOnPages(block: StructElement, pages: readonly PageBlock[][], from: number): number {
  let total = 0;
  for (let i = from; i < pages.length; i++) {
    const on = pages[i]!.find((b) => b.block === block);
    if (!on) break;
    total += on.top - on.bottom;
  }
  return total;
}

function describe(block: StructElement): string {
  return { Figure: 'figure', Table: 'table', Aside: 'box', Code: 'listing' }[block.type] ?? block.type;
}

/** The summary the build prints: fill per page, then each finding. */
export function formatPreflight(report: PreflightReport): string[] {
  const mid = report.midChapter.map((p) => report.fill[p - 1]!);
  const under = report.midChapter.filter((p) => report.fill[p - 1]! < MIN_FILL);
  const counts = new Map<FindingKind, number>();
  for (const f of report.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const lines = [
    `Print preflight: ${report.fill.length} pages, ${mid.length} mid-chapter; mean fill ${pct(mid.reduce((s, f) => s + f, 0) / Math.max(1, mid.length))}, ` +
      `${under.length} under ${pct(MIN_FILL)} full${under.length ? ` (p. ${under.join(', ')})` : ''}.`,
    `  ${['underfilled', 'hole', 'stranded-heading', 'widow', 'orphan'].map((k) => `${k}: ${counts.get(k as FindingKind) ?? 0}`).join(', ')}`,
    formatBreakCounts(report.findings),
    ...(report.typography ? [formatCounts(report.typography, report.findings.filter((f) => f.kind === 'page-end-hyphen').length)] : []),
  ];
  for (const f of report.findings) lines.push(`  p. ${f.page}: ${f.kind}: ${f.message}${f.reason ? ` (reason: ${f.reason})` : ''}`);
  return lines;
}

const pct = (f: number) => `${Math.round(f * 100)}%`;
