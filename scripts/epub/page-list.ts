import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { PAGE_BLOCK_TAGS, type PageStart } from '../output/page-starts.js';
import type { EpubSection } from './epub-sections.js';
import type { PageTarget } from './ncx-document.js';

const TAGS = new Set<string>(PAGE_BLOCK_TAGS);
/** Blocks a marker may open (phrasing inside them is allowed); before any other, the marker goes in front. */
const MARK_INSIDE = new Set(['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Puts a page-break marker (`epub:type="pagebreak"`, `role="doc-pagebreak"`, id `page-N`) where
 * each print page starts, found by the blocks the print stage numbered (print/page-blocks.ts),
 * and returns the page list's targets. The ePub's sections are clones of the print document's,
 * so the n-th block of a section here is the n-th block Chromium measured. Pages before the
 * first block (the cover) point at the cover.
 */
export function insertPageBreaks(sections: readonly EpubSection[], starts: readonly PageStart[]): PageTarget[] {
  const blocks = new Map<string, Array<{ el: Element; parent: Element }>>();
  for (const s of sections) {
    const list: Array<{ el: Element; parent: Element }> = [];
    visit(s.body, 'element', (el: Element, _i, parent) => {
      if (el !== s.body && TAGS.has(el.tagName)) list.push({ el, parent: parent as Element });
    });
    blocks.set(String(s.body.properties.id ?? s.id), list);
  }
  const fileOf = new Map(sections.map((s) => [String(s.body.properties.id ?? s.id), s.file]));
  const targets: PageTarget[] = [];
  const firstPage = starts[0]?.page ?? 1;
  for (let page = 1; page < firstPage; page++) targets.push({ page, href: 'cover.xhtml' });
  // The printed contents sit between the front matter and Part I; the ePub's contents is its
  // nav, before everything: a page list must follow the reading order, so their pages lead to
  // the place where the text resumes.
  const contentsPages: number[] = [];
  for (const { page, block } of starts) {
    if (block.root === 'contents') {
      contentsPages.push(page);
      continue;
    }
    const found = blocks.get(block.root)?.[block.index];
    const file = fileOf.get(block.root);
    if (!found || !file) throw new Error(`print page ${page} starts at block ${block.index} of "${block.root}", which the ePub does not have`);
    const id = `page-${page}`;
    const marker = h('span', { id, 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: `Page ${page}` }) as ElementContent;
    // After the markers already there: a blank page's marker precedes the next page's.
    const leading = found.el.children.findIndex((c) => !(c.type === 'element' && c.properties.role === 'doc-pagebreak'));
    if (MARK_INSIDE.has(found.el.tagName)) found.el.children.splice(leading < 0 ? found.el.children.length : leading, 0, marker);
    else found.parent.children.splice(found.parent.children.indexOf(found.el), 0, marker);
    for (const p of contentsPages.splice(0)) targets.push({ page: p, href: `${file}#${id}` });
    targets.push({ page, href: `${file}#${id}` });
  }
  return targets;
}
