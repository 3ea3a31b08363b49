import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

/**
 * Where a link to another unit points while its unit is printed. Chromium writes no annotation
 * at all for `<a href="#x">` when no element of its own document has the id x (only an empty
 * Link element in the structure tree), so such a link is written as an absolute address on this
 * origin instead: Chromium keeps it as a URI action, and mergeUnits (merge-units.ts) turns it
 * into a link to the named destination x. `.invalid` is reserved (RFC 2606): never a real host.
 */
export const CROSS_UNIT_ORIGIN = 'https://unit.invalid';

/** A cross-unit link's address for the id `x` (its fragment as written in the href). */
export function crossUnitHref(fragment: string): string {
  return `${CROSS_UNIT_ORIGIN}/#${fragment}`;
}

/** The id a printed URI action points to when it is a cross-unit link, else undefined. */
export function crossUnitTarget(uri: string): string | undefined {
  const prefix = `${CROSS_UNIT_ORIGIN}/#`;
  return uri.startsWith(prefix) ? decodeFragment(uri.slice(prefix.length)) : undefined;
}

/** Marks the hidden block of links that makes Chromium write a unit's destinations. */
export const CROSS_UNIT_TARGETS_CLASS = 'cross-unit-targets';

/**
 * Prepares the units of one book for printing each on its own: a link `#x` whose target is in
 * another unit gets the cross-unit address, and each unit gets a hidden block of links to its
 * ids that other units link to. Chromium writes a named destination only for an id some link
 * of the same document points to (hidden links count: a `hidden` block gives the destinations
 * and neither an annotation nor a structure element); without it the merged book would have
 * links to nowhere. Each tree is the unit's document (its `body` receives the block) or the
 * element that becomes its body. Ids must be unique across the units, as in one document.
 */
export function linkAcrossUnits(units: ReadonlyArray<Root | Element>): { readonly links: number; readonly targets: ReadonlyArray<readonly string[]> } {
  const owner = new Map<string, number>();
  units.forEach((unit, i) => visit(unit, 'element', (e: Element) => {
    const id = e.properties.id;
    if (typeof id === 'string' && !owner.has(id)) owner.set(id, i);
  }));
  const targets = units.map(() => new Set<string>());
  let links = 0;
  units.forEach((unit, i) => visit(unit, 'element', (e: Element) => {
    const href = e.properties.href;
    if (e.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || href.length < 2) return;
    const at = owner.get(decodeFragment(href.slice(1)));
    if (at === undefined || at === i) return;
    e.properties.href = crossUnitHref(href.slice(1));
    targets[at]!.add(decodeFragment(href.slice(1)));
    links++;
  }));
  const sorted = targets.map((ids) => [...ids].sort());
  units.forEach((unit, i) => {
    if (sorted[i]!.length === 0) return;
    const block = h('div', { hidden: true, className: [CROSS_UNIT_TARGETS_CLASS] }, sorted[i]!.map((id) => h('a', { href: `#${id}` })));
    bodyOf(unit).children.push(block);
  });
  return { links, targets: sorted };
}

function bodyOf(unit: Root | Element): Root | Element {
  let body: Element | undefined;
  visit(unit, 'element', (e: Element) => {
    if (body) return false;
    if (e.tagName === 'body') body = e;
    return undefined;
  });
  return body ?? unit;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
