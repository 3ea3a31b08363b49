import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitOutsideSvg } from './visit-outside-svg.js';
import { commentaryBylineId } from '../assemble/page-ids.js';

/**
 * Every commentary box is a landmark named "Expert commentary"; a page with several would
 * offer a screen reader's landmark list identical entries. Each is named by its label and
 * its expert ("Expert commentary Marcin Zabawa"), and a repeated expert by their order too.
 * `seen`: how often each expert was named before the tree (on "read all", in earlier sections);
 * returns the experts named in it, in order.
 */
export function nameCommentaries(tree: Element, seen = new Map<string, number>()): string[] {
  const named: string[] = [];
  visitOutsideSvg(tree, (aside) => {
    const cls = (aside.properties.className as string[] | undefined) ?? [];
    const label: unknown = aside.properties.ariaLabelledBy;
    if (aside.tagName !== 'aside' || !cls.includes('commentary') || !Array.isArray(label) || label.length !== 1) return;
    let byline: Element | undefined;
    visitOutsideSvg(aside, (node) => {
      if (!byline && ((node.properties.className as string[] | undefined) ?? []).includes('byline-name')) byline = node;
    });
    if (!byline) return;
    const name = toString(byline).trim();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    named.push(name);
    byline.properties.id = commentaryBylineId(String(label[0]));
    aside.properties.ariaLabelledBy = [String(label[0]), byline.properties.id];
    if (count > 1) {
      delete aside.properties.ariaLabelledBy;
      aside.properties.ariaLabel = `Expert commentary ${name}, ${count}`;
    }
  });
  return named;
}
