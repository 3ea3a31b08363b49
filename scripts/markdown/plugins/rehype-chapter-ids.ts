import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

export interface RehypeChapterIdsOptions {
  readonly chapterId: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Section headings of the chapter, in order: id, level and text (for contents and navigation). */
    headings: Array<{ id: string; depth: number; text: string }>;
  }
}

/**
 * Prefixes heading ids with the chapter id (every essay has an "Introduction") and resolves
 * in-chapter links `#slug` to them. A link to a section that does not exist is an error.
 */
export default function rehypeChapterIds(options: RehypeChapterIdsOptions) {
  const prefix = `${options.chapterId}--`;
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>();
    file.data.headings = [];
    visit(tree, 'element', (node: Element) => {
      if (/^h[2-6]$/.test(node.tagName) && typeof node.properties.id === 'string') {
        node.properties.id = prefix + node.properties.id;
        ids.add(node.properties.id);
        file.data.headings!.push({ id: node.properties.id, depth: Number(node.tagName[1]), text: textOf(node) });
      }
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      if (node.properties.dataFootnoteRef !== undefined || node.properties.dataFootnoteBackref !== undefined) return;
      const target = href.slice(1);
      if (ids.has(prefix + target)) node.properties.href = `#${prefix}${target}`;
      else if (!ids.has(target)) {
        const m = file.message(`link to a missing section "#${target}"`, { place: node.position, ruleId: 'xref', source: 'ptr' });
        m.fatal = true;
        m.note = `sections of this chapter: ${[...ids].map((i) => `#${i.slice(prefix.length)}`).join(', ') || 'none'}`;
      }
    });
  };
}

function textOf(node: Element): string {
  let text = '';
  visit(node, 'text', (t) => {
    text += t.value;
  });
  return text.trim();
}
