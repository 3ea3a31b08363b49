import type { CompiledChapter } from '../compile/compile-chapters.js';

/** One line of the contents: the same list feeds the printed contents, PDF bookmarks, ePub nav and web TOC. */
export interface ContentsEntry {
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2 | 3;
  readonly chapter: string;
  readonly byline?: string;
  readonly label?: string;
  readonly children: ContentsEntry[];
}

/**
 * Parts at level 1, chapters at level 2 (front and back matter at level 1), and each
 * chapter's top sections (`##`) at level 3.
 */
export function contentsModel(chapters: readonly CompiledChapter[], extra: readonly ContentsEntry[] = []): ContentsEntry[] {
  const top: ContentsEntry[] = [];
  let part: ContentsEntry | undefined;
  for (const c of chapters) {
    const { meta, id } = c.source;
    if (meta.kind === 'part') {
      part = { id: `${id}--title`, title: meta.title, label: meta.label, level: 1, chapter: id, children: [] };
      top.push(part);
      continue;
    }
    const inPart = meta.part !== undefined && part !== undefined;
    const sections: ContentsEntry[] = c.headings
      .filter((hd) => hd.depth === 2)
      .map((hd) => ({ id: hd.id, title: hd.text, level: 3, chapter: id, children: [] }));
    const entry: ContentsEntry = {
      id: `${id}--title`, title: meta.title, level: inPart ? 2 : 1, chapter: id, label: meta.label,
      byline: meta.authors.map((a) => a.name).join(' & ') || undefined, children: sections,
    };
    if (inPart) part!.children.push(entry);
    else {
      part = undefined;
      top.push(entry);
    }
  }
  return [...top, ...extra];
}

export function flattenContents(entries: readonly ContentsEntry[]): ContentsEntry[] {
  return entries.flatMap((e) => [e, ...flattenContents(e.children)]);
}
