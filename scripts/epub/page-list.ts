import type { Element } from 'hast';
import { h } from 'hastscript';
import { placePageMarkers } from '../output/page-markers.js';
import type { PageStart } from '../output/page-starts.js';
import type { EpubSection } from './epub-sections.js';
import type { PageTarget } from './ncx-document.js';
import { EPUB_FILES } from '../chapters/edition-names.js';
import { pageAnchorId } from '../assemble/page-ids.js';

/**
 * Puts a page-break marker (`epub:type="pagebreak"`, `role="doc-pagebreak"`, id `page-N`) where
 * each print page starts, found by the blocks the print stage numbered (print/page-blocks.ts),
 * and returns the page list's targets. The ePub's sections are clones of the print document's,
 * so the n-th block of a section here is the n-th block Chromium measured. Pages before the
 * first block (the cover) point at the cover.
 */
export function insertPageBreaks(sections: readonly EpubSection[], starts: readonly PageStart[]): PageTarget[] {
  const trees = new Map(sections.map((s) => [String(s.body.properties.id ?? s.id), s.body]));
  const fileOf = new Map(sections.map((s) => [String(s.body.properties.id ?? s.id), s.file]));
  const missing = starts.find((s) => s.block.root !== 'contents' && !trees.has(s.block.root));
  if (missing) throw new Error(`print page ${missing.page} starts at block ${missing.block.index} of "${missing.block.root}", which the ePub does not have`);
  placePageMarkers(trees, starts, (page): Element => h('span', { id: pageAnchorId(page), 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: `Page ${page}` }));
  const targets: PageTarget[] = [];
  const firstPage = starts[0]?.page ?? 1;
  for (let page = 1; page < firstPage; page++) targets.push({ page, href: EPUB_FILES.cover });
  // The printed contents sit between the front matter and Part I; the ePub's contents is its
  // nav, before everything: a page list must follow the reading order, so their pages lead to
  // the place where the text resumes.
  const contentsPages: number[] = [];
  for (const { page, block } of starts) {
    if (block.root === 'contents') {
      contentsPages.push(page);
      continue;
    }
    const href = `${fileOf.get(block.root)!}#page-${page}`;
    for (const p of contentsPages.splice(0)) targets.push({ page: p, href });
    targets.push({ page, href });
  }
  return targets;
}
