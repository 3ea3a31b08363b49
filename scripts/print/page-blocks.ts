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
 * on which no block starts is a blank verso before an opener (or, rarely, the middle of a
 * block longer than a page): it starts where the next page does. Pages before the first block
 * (the cover) and after the last have none.
 */
export function pageStarts(blocks: ReadonlyArray<[string, string, number]>, pageOfId: ReadonlyMap<string, number>, pageCount: number): PageStart[] {
  const firstOn = new Map<number, PageBlock>();
  for (const [id, root, index] of blocks) {
    const page = pageOfId.get(id);
    if (page !== undefined && !firstOn.has(page)) firstOn.set(page, { root, index });
  }
  const starts: PageStart[] = [];
  let next: PageBlock | undefined;
  for (let page = pageCount; page >= 1; page--) {
    next = firstOn.get(page) ?? next;
    if (next && page >= Math.min(...firstOn.keys())) starts.push({ page, block: next });
  }
  return starts.reverse();
}
