import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { CompiledChapter } from '../compile/compile-chapters.js';

/** Chapters inside a part are one level below it: their title is an h2 and their sections start at h3. */
export function headingShift(chapter: CompiledChapter): number {
  return chapter.source.meta.part && chapter.source.meta.kind !== 'part' ? 1 : 0;
}

export function chapterTitleLevel(chapter: CompiledChapter): 1 | 2 {
  return headingShift(chapter) === 1 ? 2 : 1;
}

/** One chapter as an article (or a part opener as a section), its header built from the front matter. */
export function chapterElement(chapter: CompiledChapter): Element {
  const { meta, id } = chapter.source;
  if (meta.kind === 'part') {
    return h('section.part-opener', { id, dataChapter: id, dataRecto: `${id}--title` }, [
      h('p.part-label', meta.label ?? ''),
      h('h1.part-title', { id: `${id}--title` }, meta.title),
    ]);
  }
  const level = chapterTitleLevel(chapter);
  const header = h('header.chapter-header', [
    meta.label ? h('p.chapter-label', meta.label) : null,
    h(`h${level}.chapter-title`, { id: `${id}--title` }, meta.title),
    meta.subtitle ? h('p.chapter-subtitle', meta.subtitle) : null,
    meta.authors.length > 0
      ? h('ul.authors', meta.authors.map((a) => h('li.author', [
          h('span.author-name', a.name), h('span.author-role', a.role), h('span.author-affiliation', a.affiliation),
        ])))
      : null,
  ].filter((x): x is Element => x !== null));
  // The compiled tree is not used after assembly: it is copied only when its headings change.
  const shift = headingShift(chapter);
  const body = shift === 0 ? chapter.tree : shiftHeadings(structuredClone(chapter.tree), shift);
  const recto = meta.kind === 'report' || meta.kind === 'essay' ? `${id}--title` : undefined;
  return h(`article.chapter.kind-${meta.kind}`, { id, dataChapter: id, dataRecto: recto }, [header, ...(body.children as ElementContent[])]);
}

function shiftHeadings(tree: Root, shift: number): Root {
  visit(tree, 'element', (node: Element) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (m) node.tagName = `h${Math.min(6, Number(m[1]) + shift)}`;
  });
  return tree;
}
