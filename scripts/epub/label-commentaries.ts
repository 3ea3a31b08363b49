import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { commentaryNameId } from '../assemble/page-ids.js';

/**
 * Every commentary is a complementary landmark labelled by the same visible words, "Expert
 * commentary", so a chapter with two of them has two landmarks a screen reader cannot tell
 * apart (Ace: landmark-unique). Label each by its heading and its expert's name instead
 * ("Expert commentary Marcin Zabawa"), both visible text; a chapter quoting the same expert
 * twice gets the commentary's number as well.
 */
export function labelCommentaries(body: Element): void {
  const used = new Set<string>();
  visit(body, 'element', (aside: Element) => {
    const cls = (aside.properties.className as string[] | undefined) ?? [];
    if (aside.tagName !== 'aside' || !cls.includes('commentary')) return;
    const labelIds = (aside.properties.ariaLabelledBy as string[] | undefined) ?? [];
    const name = findByClass(aside, 'byline-name');
    const headingId = labelIds[0];
    if (!name || !headingId) return;
    const nameId = commentaryNameId(headingId);
    name.properties.id = nameId;
    const nameText = name.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    const key = nameText.trim().toLowerCase();
    if (used.has(key)) {
      aside.properties.ariaLabel = `Expert commentary ${headingId.replace(/\D+/g, '')}, ${nameText}`;
      delete aside.properties.ariaLabelledBy;
    } else {
      aside.properties.ariaLabelledBy = [headingId, nameId];
    }
    used.add(key);
  });
}

function findByClass(root: Element, className: string): Element | undefined {
  let found: Element | undefined;
  visit(root, 'element', (el: Element) => {
    if (!found && ((el.properties.className as string[] | undefined) ?? []).includes(className)) found = el;
  });
  return found;
}
