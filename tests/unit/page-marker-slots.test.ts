import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { MARK_INSIDE, placePageMarkers } from '../../scripts/output/page-markers.js';
import { fillPageSlots, placePageSlots } from '../../scripts/output/page-marker-slots.js';
import type { PageStart } from '../../scripts/output/page-starts.js';

/** A section with nested blocks of every kind a page may start at. */
function section(): Element {
  return h('article', { id: 'essay' }, [
    h('h2', 'A heading'),
    h('p', ['First ', h('em', 'paragraph'), '.']),
    h('ul', [h('li', [h('p', 'An item with a paragraph')]), h('li', [h('pre', 'code in an item')]), h('li', 'A plain item')]),
    h('figure', [h('table', [h('tr', [h('td', 'cell')])]), h('figcaption', [h('p', 'A caption')])]),
    h('blockquote', [h('p', 'Quoted'), h('p', 'Quoted again')]),
    h('dl', [h('dt', 'Term'), h('dd', 'Definition')]),
    h('h3', 'Another heading'),
    h('p', 'Last paragraph.'),
  ]);
}

const marker = (page: number): Element => h('span', { id: `page-${page}`, ariaLabel: `Page ${page}` });
const BLOCKS = 17;

/** Page starts as the print gives them: in page order, blocks in document order, a blank page's at the next page's block. */
function startsFrom(blocks: readonly number[]): PageStart[] {
  return blocks.map((index, i) => ({ page: i + 3, block: { root: 'essay', index } }));
}

function marked(starts: readonly PageStart[], openInside: ReadonlySet<string>): string {
  const tree = section();
  placePageMarkers(new Map([['essay', tree]]), starts, marker, openInside);
  return toHtml(tree);
}

function slotted(starts: readonly PageStart[], openInside: ReadonlySet<string>): string {
  const tree = section();
  const slots = placePageSlots(new Map([['essay', tree]]), openInside);
  return fillPageSlots(toHtml(tree), slots, new Set(['essay']), starts, (page) => toHtml(marker(page)));
}

describe('page marker slots', () => {
  const cases: Array<[string, number[]]> = [
    ['none', []],
    ['every block', Array.from({ length: BLOCKS }, (_, i) => i)],
    ['an item and the paragraph it opens with', [2, 3]],
    ['blank pages (several markers at one block)', [0, 2, 2, 2, 9, 9, 15]],
    ['a listing in an item, a figure, its table, its caption, a quote', [4, 5, 7, 8, 9, 10, 11]],
  ];
  for (const openInside of [MARK_INSIDE, new Set(['p', 'li', 'dt', 'dd'])]) {
    for (const [name, blocks] of cases) {
      it(`fill in the same markers placePageMarkers puts in (${name}; opened inside: ${[...openInside].join(' ')})`, () => {
        const starts = startsFrom(blocks);
        expect(slotted(starts, openInside)).toBe(marked(starts, openInside));
      });
    }
  }

  it('leave no trace without page starts, and starts in other roots to the caller', () => {
    const plain = toHtml(section());
    expect(slotted([], MARK_INSIDE)).toBe(plain);
    expect(slotted([{ page: 1, block: { root: 'contents', index: 0 } }], MARK_INSIDE)).toBe(plain);
  });

  it('refuse a page start at a block the page does not have, and a page whose slots do not add up', () => {
    const tree = section();
    const slots = placePageSlots(new Map([['essay', tree]]));
    expect(slots).toBe(BLOCKS);
    const html = toHtml(tree);
    expect(() => fillPageSlots(html, slots, new Set(['essay']), startsFrom([BLOCKS]), () => '')).toThrow(/print page 3 starts at block 17 of "essay"/);
    expect(() => fillPageSlots(html + html, slots, new Set(['essay']), [], () => '')).toThrow(/internal error/);
  });
});
