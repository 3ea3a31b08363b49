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

/** One print page and the block at which it starts (the first one starting on it, else the one running across it). */
export interface PageStart {
  readonly page: number;
  readonly block: PageBlock;
}

/**
 * Runs inside the print page (self-contained): gives every block under the given roots an
 * id and a hidden link, and returns each block's id with its root and ordinal.
 */
export function markPageBlocks(args: { roots: string[]; tags: string[]; prefix: string }): Array<[string, string, number]> {
  const list = document.createElement('div');
  list.hidden = true;
  list.setAttribute('aria-hidden', 'true');
  const found: Array<[string, string, number]> = [];
  for (const rootId of args.roots) {
    const root = document.getElementById(rootId);
    if (!root) continue;
    root.querySelectorAll(args.tags.join(',')).forEach((el, index) => {
      if (!el.id) el.id = `${args.prefix}${rootId}-${index}`;
      const link = document.createElement('a');
      link.href = `#${encodeURIComponent(el.id)}`;
      list.append(link);
      found.push([el.id, rootId, index]);
    });
  }
  document.body.append(list);
  return found;
}

/**
 * The start of every page from the blocks' pages (from the final pass's destinations). A page
 * on which no block starts (a long table or paragraph runs across it) starts in the last block
 * begun before it; pages before the first block (the cover) have none.
 */
export function pageStarts(blocks: ReadonlyArray<[string, string, number]>, pageOfId: ReadonlyMap<string, number>, pageCount: number): PageStart[] {
  const firstOn = new Map<number, PageBlock>();
  const ordered: Array<{ page: number; block: PageBlock }> = [];
  for (const [id, root, index] of blocks) {
    const page = pageOfId.get(id);
    if (page === undefined) continue;
    ordered.push({ page, block: { root, index } });
    if (!firstOn.has(page)) firstOn.set(page, { root, index });
  }
  const starts: PageStart[] = [];
  let running: PageBlock | undefined;
  let next = 0;
  for (let page = 1; page <= pageCount; page++) {
    const first = firstOn.get(page);
    // The block running into this page: the last one that started on an earlier page.
    while (next < ordered.length && ordered[next]!.page < page) running = ordered[next++]!.block;
    const block = first ?? running;
    if (block) starts.push({ page, block });
  }
  return starts;
}
