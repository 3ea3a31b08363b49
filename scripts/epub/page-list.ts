import type { Element } from 'hast';
import { h } from 'hastscript';
import { fillPageSlots, placePageSlots } from '../output/page-marker-slots.js';
import { hastToXml } from './to-xml.js';
import type { PageStart } from '../output/page-starts.js';
import type { EpubSection } from './epub-sections.js';
import type { PageTarget } from './ncx-document.js';
import { EPUB_FILES } from '../chapters/edition-names.js';
import { pageAnchorId } from '../assemble/page-ids.js';

/** A section's root: the id the print stage numbered its blocks under. */
function rootOf(section: EpubSection): string {
  return String(section.body.properties.id ?? section.id);
}

function pageBreak(page: number): Element {
  return h('span', { id: pageAnchorId(page), 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: `Page ${page}` });
}

/**
 * A page-break marker (`epub:type="pagebreak"`, `role="doc-pagebreak"`, id `page-N`) goes where
 * each print page starts, found by the blocks the print stage numbered (print/page-blocks.ts).
 * The ePub's sections are clones of the print document's, so the n-th block of a section here is
 * the n-th block Chromium measured. In two steps (output/page-marker-slots.ts), so the ePub is
 * made while the PDF prints: a slot where each marker may go, by section file, with how many,
 * before the sections are serialised (to-xml.ts keeps the slots); fillPageBreaks puts the markers
 * in once the print has settled where its pages start.
 */
export function addPageBreakSlots(sections: readonly EpubSection[]): Map<string, number> {
  return new Map(sections.map((s) => [s.file, placePageSlots(new Map([[rootOf(s), s.body]]))]));
}

/** A section file's XML with its slots filled. */
export function fillPageBreaks(xml: string, section: EpubSection, slots: number, starts: readonly PageStart[]): string {
  return fillPageSlots(xml, slots, new Set([rootOf(section)]), starts, (page) => hastToXml(pageBreak(page)));
}

/** The page list's targets. Pages before the first block (the cover) point at the cover. */
export function pageTargets(sections: readonly EpubSection[], starts: readonly PageStart[]): PageTarget[] {
  const fileOf = new Map(sections.map((s) => [rootOf(s), s.file]));
  const missing = starts.find((s) => s.block.root !== 'contents' && !fileOf.has(s.block.root));
  if (missing) throw new Error(`print page ${missing.page} starts at block ${missing.block.index} of "${missing.block.root}", which the ePub does not have`);
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
