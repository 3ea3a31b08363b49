import type { Element } from 'hast';

/**
 * The ids the editions give their own page furniture, and the ids they derive from the book's
 * (issue 21, class 1). The book's id allocator (unique-book-ids.ts) keeps every id of the book
 * clear of these, so that no page of any edition (a web page, "read all", an ePub file, the
 * print document) can hold an id twice. An edition that adds an id takes its name from here.
 */
export const PAGE_IDS = {
  /** The web page's main landmark (the skip link's target). */
  main: 'main',
  /** The contents (landing page, "read all", print). */
  contents: 'contents',
  contentsTitle: 'contents-title',
  /** The cover (landing page, print). */
  cover: 'cover',
  downloadsTitle: 'downloads-title',
  searchStatus: 'search-status',
  searchResults: 'search-results',
  searchIndex: 'search-index',
  chapterTocTitle: 'chapter-toc-title',
  partContents: 'part-contents',
  partContentsTitle: 'part-contents-title',
  /** The ePub's navigation document. */
  toc: 'toc',
  tocTitle: 'toc-title',
  loi: 'loi',
  loiTitle: 'loi-title',
  landmarks: 'landmarks',
  landmarksTitle: 'landmarks-title',
  pageList: 'page-list',
  pageListTitle: 'page-list-title',
} as const;

/** Where print page N starts, on the web and in the ePub: `page-37`. */
export function pageAnchorId(page: number): string {
  return `page-${page}`;
}

/**
 * The print marks the blocks and listing lines it measures with ids of its own, in Chromium
 * (output/page-starts.ts PAGE_BLOCK_PREFIX, print/continued-marks.ts LINE_PREFIX: layers above
 * this one, so the names are repeated here; tests/unit/unique-book-ids.test.ts checks they agree).
 */
export const PRINT_ID_PREFIXES = ['print-block-', 'print-line-'] as const;

/** An id the editions' furniture may use on any page, page anchors and the print's marks included. */
export function isPageId(id: string): boolean {
  const folded = id.toLowerCase();
  if (PAGE_ID_SET.has(folded) || PRINT_ID_PREFIXES.some((p) => folded.startsWith(p))) return true;
  const number = folded.startsWith('page-') ? folded.slice('page-'.length) : '';
  return number !== '' && [...number].every((c) => c >= '0' && c <= '9');
}
const PAGE_ID_SET = new Set<string>(Object.values(PAGE_IDS));

/** The web's heading text, which names its heading (heading-anchors.ts). */
export function headingTextId(headingId: string): string {
  return `${headingId}--text`;
}

/** A commentary's byline name, which names the commentary with its label (name-commentaries.ts), from the label's id. */
export function commentaryNameId(labelId: string): string {
  return `${labelId}--name`;
}

/** A chart's data table on the web and in the ePub, moved after its figure (chart-data-after-figure.ts), from the chart figure's id. */
export function chartDataId(figureId: string): string {
  return `${figureId}-data`;
}

/** The ids an edition derives from an element with the id `id`. */
export function derivedIds(node: Element, id: string): string[] {
  const classes = (node.properties.className as string[] | undefined) ?? [];
  if (/^h[1-6]$/.test(node.tagName)) return [headingTextId(id)];
  if (classes.includes('commentary-label')) return [commentaryNameId(id)];
  if (node.tagName === 'figure' && classes.includes('chart')) return [chartDataId(id)];
  return [];
}
