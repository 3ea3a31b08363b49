import type { Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { visitParents } from 'unist-util-visit-parents';
import { bidiControl, describeCharacter, findCharacters } from '../../config/source-characters.js';

const HINT_CODE = 'delete it; if the program needs the character, write it as an escape sequence in the program (backslash, u, then its code point, in Python or JavaScript) so the listing shows what it does';
const HINT_TITLE = 'delete it: headings, captions and names may not hold bidi embeddings, overrides or isolates (right-to-left words show in their own direction without them)';
const HINT_EMBEDDING = 'delete it; to set a right-to-left phrase apart in a paragraph, wrap it in U+2067 (RIGHT-TO-LEFT ISOLATE) … U+2069 (POP DIRECTIONAL ISOLATE), both in the same paragraph';

/**
 * Bidirectional controls ("Trojan Source", issue 21 class 5). What is refused where:
 * - in code (fenced and inline), every bidi control, marks included: a listing must read as it runs;
 * - in headings, directives' attributes (figure titles, alt texts, names), images' alt texts and
 *   links' titles, embeddings,
 *   overrides and isolates (they reorder what the contents and the running heads show);
 * - in prose, embeddings and overrides (U+202A–U+202E: the isolates replaced them), and isolates
 *   that are not closed within their paragraph, or close nothing; balanced isolates and marks
 *   (U+200E, U+200F, U+061C) are how right-to-left words are set in left-to-right text, and stay.
 * Each at its line and column. Front matter is checked in load-chapters.ts.
 */
export default function remarkCheckBidi() {
  return (tree: Root, file: VFile) => {
    const text = String(file);
    const place = location(file);
    const refuse = (offset: number, reason: string, hint: string) => {
      const m = file.message(reason, { place: place.toPoint(offset), ruleId: 'bidi-control', source: 'ptr' });
      m.fatal = true;
      m.note = hint;
    };
    const controls = (node: Nodes) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return [];
      return findCharacters(text, (cp) => bidiControl(cp) !== undefined, start, end);
    };
    /** Isolates still open per paragraph (or table cell, heading…), in the order they were opened. */
    const open = new Map<Parents, number[]>();

    visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
      if (node.type === 'code' || node.type === 'inlineCode') {
        for (const c of controls(node)) refuse(c.offset, `${describeCharacter(c.codePoint)} in code: a bidirectional control makes a listing read differently from what it does`, HINT_CODE);
        return 'skip';
      }
      if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') {
        for (const [name, value] of Object.entries(node.attributes ?? {})) {
          const bad = findCharacters(value ?? '', (cp) => { const k = bidiControl(cp); return k !== undefined && k !== 'mark'; })[0];
          if (bad && node.position?.start.offset !== undefined) refuse(node.position.start.offset, `${describeCharacter(bad.codePoint)} in the ${name} of the ${node.name} directive: a bidirectional control makes it read differently from what it is`, HINT_TITLE);
        }
      }
      if (node.type === 'image' || node.type === 'link') {
        // An image's alt text and a link's title are names too (an aria-label, a tooltip).
        for (const [name, value] of [['alt text', node.type === 'image' ? node.alt : undefined], ['title', node.title]] as const) {
          const bad = findCharacters(value ?? '', (cp) => { const k = bidiControl(cp); return k !== undefined && k !== 'mark'; })[0];
          if (bad && node.position?.start.offset !== undefined) refuse(node.position.start.offset, `${describeCharacter(bad.codePoint)} in the ${name} of ${node.type === 'image' ? 'an image' : 'a link'}: a bidirectional control makes it read differently from what it is`, HINT_TITLE);
        }
      }
      if (node.type !== 'text') return;
      const inHeading = ancestors.some((a) => a.type === 'heading');
      const block = [...ancestors].reverse().find((a) => a.type === 'paragraph' || a.type === 'heading' || a.type === 'tableCell') ?? ancestors.at(-1)!;
      for (const c of controls(node)) {
        const kind = bidiControl(c.codePoint)!;
        if (kind === 'mark') continue;
        if (inHeading) refuse(c.offset, `${describeCharacter(c.codePoint)} in a heading: a bidirectional control makes the heading (and the contents) read differently from what it is`, HINT_TITLE);
        else if (kind === 'embedding') refuse(c.offset, `${describeCharacter(c.codePoint)}: a bidi embedding or override reorders the text that follows it`, HINT_EMBEDDING);
        else if (kind === 'isolate') open.set(block, [...(open.get(block) ?? []), c.offset]);
        else if ((open.get(block) ?? []).length > 0) open.get(block)!.pop();
        else refuse(c.offset, `${describeCharacter(c.codePoint)} closes no isolate of its paragraph`, 'delete it, or open the isolate (U+2066, U+2067 or U+2068) before it in the same paragraph');
      }
    });
    for (const offsets of open.values()) {
      for (const offset of offsets) {
        refuse(offset, `${describeCharacter(text.codePointAt(offset)!)} is not closed in its paragraph: the text after it would be reordered`, 'close it with U+2069 (POP DIRECTIONAL ISOLATE) before the paragraph ends, or delete it');
      }
    }
  };
}
