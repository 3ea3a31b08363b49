/**
 * Where each print page starts, in terms every edition shares: the blocks (paragraphs,
 * headings, list items, listings, figures, tables...) of each section, numbered in document
 * order. Chromium writes a named destination for every id a link points to, with the page
 * it lands on; so before printing, every block gets an id (when it has none) and a link in a
 * hidden list, and the final pass's destinations give each block's first page. Hidden links
 * change no layout and add no link annotations. The ePub finds the same blocks by the same
 * tag names in the same order (epub/page-list.ts).
 */
export const PAGE_BLOCK_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'pre', 'figure', 'table', 'blockquote', 'dt', 'dd'] as const;
export const PAGE_BLOCK_PREFIX = 'print-block-';

/** A block: the id of its section's root element (or the contents' nav) and its ordinal in it. */
export interface PageBlock {
  readonly root: string;
  readonly index: number;
}

/** One print page and the block at which it starts (the first one starting on it; a blank page, where the next one starts). */
export interface PageStart {
  readonly page: number;
  readonly block: PageBlock;
}
