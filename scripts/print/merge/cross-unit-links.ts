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
  const book = bookLinks(units.map((tree, i) => ({ id: String(i), trees: [tree] })));
  const done = units.map((unit, i) => linkOutOfUnit(unit, String(i), book));
  return { links: done.reduce((sum, d) => sum + d.links, 0), targets: done.map((d) => d.targets) };
}

/** Which unit holds each id, and which units link to it: what linkOutOfUnit needs of the rest of the book. */
export interface BookLinks {
  readonly owner: ReadonlyMap<string, string>;
  readonly linkedFrom: ReadonlyMap<string, ReadonlySet<string>>;
}

export function bookLinks(units: ReadonlyArray<{ readonly id: string; readonly trees: ReadonlyArray<Root | Element> }>): BookLinks {
  const owner = new Map<string, string>();
  const linkedFrom = new Map<string, Set<string>>();
  for (const unit of units) {
    for (const tree of unit.trees) {
      visit(tree, 'element', (e: Element) => {
        const id = e.properties.id;
        if (typeof id === 'string' && !owner.has(id)) owner.set(id, unit.id);
        const target = fragmentOf(e);
        if (target !== undefined) (linkedFrom.get(target) ?? linkedFrom.set(target, new Set()).get(target)!).add(unit.id);
      });
    }
  }
  return { owner, linkedFrom };
}

/** The ids of a unit that other units link to: each needs a hidden link in it (a destination). */
export function unitTargets(unitId: string, book: BookLinks): string[] {
  return [...book.linkedFrom].filter(([id, from]) => book.owner.get(id) === unitId && [...from].some((u) => u !== unitId)).map(([id]) => id).sort();
}

/**
 * One unit's part of linkAcrossUnits, for a unit made on its own (the build makes only the
 * units that changed), given what the rest of the book holds and links to (bookLinks).
 */
export function linkOutOfUnit(unit: Root | Element, unitId: string, book: BookLinks): { readonly links: number; readonly targets: readonly string[] } {
  let links = 0;
  visit(unit, 'element', (e: Element) => {
    const target = fragmentOf(e);
    const at = target === undefined ? undefined : book.owner.get(target);
    if (at === undefined || at === unitId) return;
    e.properties.href = crossUnitHref((e.properties.href as string).slice(1));
    links++;
  });
  const targets = unitTargets(unitId, book);
  if (targets.length > 0) bodyOf(unit).children.push(h('div', { hidden: true, className: [CROSS_UNIT_TARGETS_CLASS] }, targets.map((id) => h('a', { href: `#${id}` }))));
  return { links, targets };
}

/** The id a `#` link points to. */
function fragmentOf(e: Element): string | undefined {
  const href = e.properties.href;
  return e.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && href.length > 1 ? decodeFragment(href.slice(1)) : undefined;
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
