import { PAGE_BLOCK_TAGS, PAGE_BLOCK_PREFIX, type PageBlock, type PageStart } from '../output/page-starts.js';

export { PAGE_BLOCK_TAGS, PAGE_BLOCK_PREFIX, type PageBlock, type PageStart };

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
