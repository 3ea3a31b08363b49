import type { makeFixtureBook } from './fixture-book.js';

type Edits = Parameters<typeof makeFixtureBook>[0];
type Change = NonNullable<Edits>[string];

/**
 * Several cases' edits of the fixture book as one (for makeFixtureBook), so that cases that only
 * add content can share one build. Two changes of one file compose, in the order given, when both
 * are functions (each replaces or appends its own text); a file that two cases write whole, or that
 * one deletes, is an interference between them, and throws: such cases need books of their own.
 */
export function combinedEdits(...edits: readonly NonNullable<Edits>[]): NonNullable<Edits> {
  const combined: Record<string, Change> = {};
  for (const edit of edits) {
    for (const [path, change] of Object.entries(edit)) {
      const before = combined[path];
      if (before === undefined) {
        combined[path] = change;
      } else if (typeof before === 'function' && typeof change === 'function') {
        combined[path] = (old: string) => change(before(old));
      } else {
        throw new Error(`two cases change ${path} and one of them writes it whole or deletes it: give them books of their own`);
      }
    }
  }
  return combined;
}
