import type { FootnoteDefinition, FootnoteReference, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { visit } from 'unist-util-visit';

/** GFM's bound on a footnote label (micromark-extension-gfm-footnote). */
const MAX_LABEL = 999;

/**
 * Footnotes that would be lost: a reference to a note that does not exist is not a reference to
 * the Markdown parser (GFM): `[^sorce]` stays text and prints as typed, so it is found in the
 * text's source (an escaped `\[^x]` is text on purpose and is left alone). A note written twice
 * keeps only its first text; a note nothing refers to appears in no edition.
 */
export default function remarkCheckFootnotes() {
  return (tree: Root, file: VFile) => {
    const notes = new Map<string, FootnoteDefinition>();
    const referred = new Set<string>();
    visit(tree, (node) => {
      if (node.type === 'footnoteReference') referred.add((node as FootnoteReference).identifier);
      if (node.type !== 'footnoteDefinition') return;
      const note = node as FootnoteDefinition;
      const first = notes.get(note.identifier);
      if (!first) notes.set(note.identifier, note);
      else report(file, note, `footnote [^${note.label ?? note.identifier}] is written twice (first on line ${first.position?.start.line})`,
        'a note is written once: merge the two texts, or give the second its own label and refer to it', true);
    });
    const source = String(file.value);
    const place = location(file);
    const labels = () => [...notes.values()].map((n) => `[^${n.label ?? n.identifier}]`).join(', ') || 'none';
    visit(tree, 'text', (text: Text) => {
      const start = text.position?.start.offset;
      const end = text.position?.end.offset;
      if (start === undefined || end === undefined) return;
      for (const call of footnoteCalls(source.slice(start, end))) {
        const at = place.toPoint(start + call.offset);
        const m = file.message(`footnote [^${call.label}] refers to no note`, { place: at, ruleId: 'footnote', source: 'ptr' });
        m.fatal = true;
        m.note = `write the note on a line of its own, "[^${call.label}]: …", or correct the label (the notes of this chapter: ${labels()})`;
      }
    });
    for (const [id, note] of notes) {
      // Both sides carry the parser's normalised identifier (case and blanks folded).
      if (referred.has(id)) continue;
      report(file, note, `footnote [^${note.label ?? id}] is never referred to`,
        `refer to it with [^${note.label ?? id}] in the text, or delete it: a note nothing refers to appears in no edition`, false);
    }
  };
}

/** Each `[^label]` in a text's source that is not escaped (`\[^label]`), with its offset. */
function footnoteCalls(src: string): { offset: number; label: string }[] {
  const calls: { offset: number; label: string }[] = [];
  for (let i = 0; i < src.length - 1; i += 1) {
    if (src[i] === '\\') {
      i += 1;
      continue;
    }
    if (src[i] !== '[' || src[i + 1] !== '^') continue;
    let j = i + 2;
    let label = '';
    while (j < src.length && src[j] !== ']' && src[j] !== '[' && !/\s/.test(src[j]!) && label.length <= MAX_LABEL) {
      if (src[j] === '\\' && j + 1 < src.length) label += src[j++];
      label += src[j++];
    }
    if (src[j] === ']' && label.length > 0) {
      calls.push({ offset: i, label });
      i = j;
    }
  }
  return calls;
}

function report(file: VFile, node: FootnoteDefinition, reason: string, note: string, fatal: boolean): void {
  const m = file.message(reason, { place: node.position, ruleId: 'footnote', source: 'ptr' });
  m.fatal = fatal;
  m.note = note;
}
