import type { Heading, Nodes, Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { LIMITS } from '../../config/limits.js';

/** The blocks whose length is bounded, by what an author calls them. */
const BLOCKS: Partial<Record<Nodes['type'], string>> = { paragraph: 'paragraph', tableCell: 'table cell', code: 'code block' };

/**
 * Refuses a paragraph, table cell or code block longer than LIMITS.block characters, a heading
 * whose text is longer than LIMITS.heading and a directive attribute longer than
 * LIMITS.attribute, at its start. Chromium laid a 10 MB
 * paragraph out for longer than the print's timeout ("Navigation timeout", naming nothing),
 * and every heading is repeated in the contents, the running heads and the bookmarks.
 * A block is measured in the source (its characters as written), a heading by its text.
 */
export default function remarkLengthLimits() {
  return (tree: Root, file: VFile) => {
    const before = file.messages.length;
    visit(tree, (node: Nodes) => {
      if (node.type === 'heading') return checkHeading(node, file);
      if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') checkAttributes(node, file);
      const what = BLOCKS[node.type];
      const start = node.position?.start;
      const end = node.position?.end;
      if (!what || start?.offset === undefined || end?.offset === undefined) return;
      const length = end.offset - start.offset;
      if (length > LIMITS.block) {
        refuse(file, node, `${what} is ${length.toLocaleString('en')} characters long (at most ${LIMITS.block.toLocaleString('en')})`, 'block-length',
          what === 'code block' ? 'show an excerpt: a listing this long is read in the repository, not in the book' : 'split it into paragraphs (a blank line between them)');
      }
    });
    // Every one is reported; the first stops the chapter's later plugins, which would each
    // walk the megabytes again.
    const refused = file.messages.slice(before).find((m) => m.fatal);
    if (refused) throw refused;
  };
}

function checkHeading(node: Heading, file: VFile): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  // Its text is never longer than its source: a short heading is not made into a string.
  if (start !== undefined && end !== undefined && end - start <= LIMITS.heading) return;
  const length = toString(node).length;
  if (length <= LIMITS.heading) return;
  refuse(file, node, `heading is ${length.toLocaleString('en')} characters long (at most ${LIMITS.heading})`, 'heading-length', 'a heading is repeated in the contents and the bookmarks: shorten it, and say the rest in the text below it');
}

/** A directive's attributes are not text of a block: an `alt` of 1 MB went into every edition. */
function checkAttributes(node: ContainerDirective | LeafDirective | TextDirective, file: VFile): void {
  const marker = { containerDirective: ':::', leafDirective: '::', textDirective: ':' }[node.type];
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    if (typeof value !== 'string' || value.length <= LIMITS.attribute) continue;
    refuse(file, node, `attribute ${name} of ${marker}${node.name} is ${value.length.toLocaleString('en')} characters long (at most ${LIMITS.attribute.toLocaleString('en')})`, 'attribute-length',
      name === 'alt' ? 'an alt text says what the picture shows in a sentence or two; the details belong in the caption or the text' : 'shorten it');
  }
}

function refuse(file: VFile, node: Nodes, reason: string, ruleId: string, hint: string): void {
  const m = file.message(reason, { place: node.position?.start, ruleId, source: 'ptr' });
  m.fatal = true;
  m.note = hint;
}
