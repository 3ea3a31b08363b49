import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import { inlineSvgIds } from '../../chapters/inline-svg-ids.js';

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
 * A heading's id is chosen clear of every other id of the chapter (a figure's `figure-1`, a
 * footnote's, a chart's, the ids inside its SVG; compared without case), so that in-chapter links
 * and references are never ambiguous; the book's allocator (assemble/unique-book-ids.ts) keeps
 * the ids apart across chapters.
 */
export default function rehypeChapterIds(options: RehypeChapterIdsOptions) {
  const prefix = `${options.chapterId}--`;
  return (tree: Root, file: VFile) => {
    const taken = new Set<string>();
    const bySlug = new Map<string, string>();
    file.data.headings = [];
    const headings: Element[] = [];
    visit(tree, (node: Element | { type: string; value?: string }) => {
      if (node.type === 'raw') for (const id of inlineSvgIds((node as { value: string }).value)) taken.add(id.toLowerCase());
      if (node.type !== 'element') return;
      const element = node as Element;
      // The footnotes' "Notes" heading (remark-gfm) is not a section; its id must be unique in the book.
      const notes = element.properties.id === 'footnote-label';
      if (notes) element.properties.id = `${options.chapterId}-footnote-label`;
      if (typeof element.properties.id !== 'string') return;
      if (/^h[1-6]$/.test(element.tagName) && !notes) headings.push(element);
      else taken.add(element.properties.id.toLowerCase());
    });
    for (const node of headings) {
      const slug = node.properties.id as string;
      let id = prefix + shorten(slug);
      for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${prefix}${shorten(slug)}-${n}`;
      node.properties.id = id;
      bySlug.set(slug, id);
      taken.add(id.toLowerCase());
      file.data.headings!.push({ id, depth: Number(node.tagName[1]), text: toString(node).trim() });
    }
    const ids = new Set(bySlug.values());
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      if (node.properties.dataFootnoteRef !== undefined) {
        // mdast-util-to-hast points refs at "footnote-label" without the clobber prefix.
        node.properties.ariaDescribedBy = [`${options.chapterId}-footnote-label`];
        return;
      }
      if (node.properties.dataFootnoteBackref !== undefined) return;
      const target = href.slice(1);
      if (bySlug.has(target)) node.properties.href = `#${bySlug.get(target)}`;
      else if (!ids.has(target)) {
        const m = file.message(`link to a missing section "#${target}"`, { place: node.position, ruleId: 'xref', source: 'ptr' });
        m.fatal = true;
        m.note = `sections of this chapter: ${[...bySlug.keys()].map((s) => `#${s}`).join(', ') || 'none'}`;
      }
    });
  };
}

/** PDF names are limited to 127 bytes: long headlines get ids cut at a word boundary. */
const MAX_SLUG = 48;
function shorten(slug: string): string {
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 24));
}

