import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { commentaryNameId } from './page-ids.js';
import { visitOutsideSvg } from './visit-outside-svg.js';

/**
 * Names every expert commentary of the book, once for every edition (web pages, "read all",
 * the ePub's files, the print). Each box is a complementary landmark whose visible label is
 * the same "Expert commentary", so a page with two would offer a screen reader's landmark list
 * identical entries (Ace: landmark-unique). Each is named by that label and its expert, both
 * visible text ("Expert commentary Marcin Zabawa"); an expert's later commentaries in the book
 * are numbered ("Expert commentary Marcin Zabawa, 2"). Counted through the whole book, in
 * reading order, so that a commentary has one name wherever it is shown, and no page, whichever
 * sections it holds, names two alike. After the id allocator: the names' ids derive from the
 * labels' (page-ids.ts), which it may have renamed.
 */
export function nameCommentaries(trees: readonly (Root | Element)[]): void {
  const seen = new Map<string, number>();
  for (const tree of trees) {
    visitOutsideSvg(tree, (aside) => {
      const label: unknown = aside.properties.ariaLabelledBy;
      if (aside.tagName !== 'aside' || !classesOf(aside).includes('commentary') || !Array.isArray(label) || label.length < 1) return;
      const byline = findByClass(aside, 'byline-name');
      if (!byline) return;
      const labelId = String(label[0]);
      const name = toString(byline).trim();
      // Screen readers read names without case: "Marek Bryling" and "marek bryling" are one expert.
      const key = name.toLowerCase();
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      byline.properties.id = commentaryNameId(labelId);
      if (count === 1) {
        aside.properties.ariaLabelledBy = [labelId, byline.properties.id];
      } else {
        delete aside.properties.ariaLabelledBy;
        aside.properties.ariaLabel = `Expert commentary ${name}, ${count}`;
      }
    });
  }
}

function classesOf(node: Element): string[] {
  return (node.properties.className as string[] | undefined) ?? [];
}

function findByClass(root: Element, className: string): Element | undefined {
  let found: Element | undefined;
  visitOutsideSvg(root, (node) => {
    if (!found && classesOf(node).includes(className)) found = node;
  });
  return found;
}
