import type { ElementContent as XastContent, Root as XastRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { contentHash } from '../cache/content-hash.js';
import type { ContentStore } from '../cache/content-store.js';
import { keptMemo } from '../cache/kept-memo.js';

/*
 * The ids inside the SVG the build inlines as raw strings (charts, figures): the chapter's and
 * the book's id allocators must see them (a second figure's gradient id painted the first's).
 */

/**
 * Ids of each inline SVG by the hash of its text, parsed once per distinct SVG: the dev server
 * assembles the book on every save, and a build seeds it from the last build's (keptSvgIds):
 * parsing the book's ~130 SVGs took ~120 ms of every build, an edit of one chapter included.
 */
const cache = new Map<string, readonly string[]>();
/** The book inlines about 130 SVGs; an edited chart's old ones go when the cache is full. */
const CACHED_SVGS = 512;

export function inlineSvgIds(raw: string): readonly string[] {
  const hash = contentHash(raw);
  const known = cache.get(hash);
  if (known) return known;
  const ids: string[] = [];
  const walk = (node: XastContent | XastRoot) => {
    if (node.type === 'element' && typeof node.attributes.id === 'string') ids.push(node.attributes.id);
    if ('children' in node) for (const c of node.children) walk(c as XastContent);
  };
  walk(parseInlineSvg(raw));
  remember(hash, ids);
  return ids;
}

function remember(hash: string, ids: readonly string[]): void {
  if (cache.size >= CACHED_SVGS) cache.clear();
  cache.set(hash, ids);
}

/** Seeds the ids from the cache's entry of the last build; the function returned keeps those known now. */
export async function keptSvgIds(store: ContentStore, pipeline: string): Promise<() => Promise<void>> {
  const memo = await keptMemo(store, pipeline, 'svg-ids', cache);
  return () => memo.save();
}

/** An inline SVG as XML (the `xlink` prefix declared, as the HTML parser knows it without a declaration). */
export function parseInlineSvg(raw: string): XastRoot {
  try {
    return fromXml(`<inline xmlns:xlink="http://www.w3.org/1999/xlink">${raw}</inline>`);
  } catch (e) {
    throw new Error(`internal error: an inline SVG the build made is not well-formed XML (${(e as Error).message})`);
  }
}

