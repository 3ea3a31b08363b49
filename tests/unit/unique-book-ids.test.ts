import type { Element } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { uniqueBookIds } from '../../scripts/assemble/unique-book-ids.js';
import { PAGE_IDS, PRINT_ID_PREFIXES, isPageId } from '../../scripts/assemble/page-ids.js';
import { PAGE_BLOCK_PREFIX } from '../../scripts/output/page-starts.js';
import { LINE_PREFIX } from '../../scripts/print/continued-marks.js';

function ids(tree: Element): string[] {
  const out: string[] = [];
  const walk = (n: Element) => {
    if (typeof n.properties.id === 'string') out.push(n.properties.id);
    for (const c of n.children) if (c.type === 'element') walk(c);
  };
  walk(tree);
  return out;
}

const raw = (value: string) => ({ type: 'raw', value }) as never;

describe('the book\'s id allocator', () => {
  it('keeps the first holder of an id and renames a later one with the references in its section', () => {
    const a = h('article', { id: 'a' }, [h('h2', { id: 'a--x' }, 'X'), h('figure', { id: 'figure-1' })]);
    const b = h('article', { id: 'b' }, [h('figure', { id: 'figure-1' }), h('a', { href: '#figure-1' }, 'see'), h('p', { ariaLabelledBy: ['figure-1'] })]);
    const renames = uniqueBookIds([{ id: 'a', element: a }, { id: 'b', element: b }]);
    expect(ids(a)).toEqual(['a', 'a--x', 'figure-1']);
    expect(ids(b)).toEqual(['b', 'b--figure-1']);
    expect((b.children[1] as Element).properties.href).toBe('#b--figure-1');
    expect((b.children[2] as Element).properties.ariaLabelledBy).toEqual(['b--figure-1']);
    expect(renames.get('b')).toEqual(new Map([['figure-1', 'b--figure-1']]));
  });

  it('compares ids without case', () => {
    const a = h('article', { id: 'a' }, [h('figure', { id: 'figure-Box' }), h('figure', { id: 'figure-box' })]);
    uniqueBookIds([{ id: 'a', element: a }]);
    expect(ids(a)).toEqual(['a', 'figure-Box', 'a--figure-box']);
  });

  it('keeps the ids other sections link to (a chart, a section\'s title) over ones that come before them', () => {
    const a = h('article', { id: 'chart-q' }, [h('h2', { id: 'b--title' }, 'a heading')]);
    const b = h('article', { id: 'b' }, [h('h2', { id: 'b--title' }, 'B'), h('figure.chart', { id: 'chart-q' })]);
    uniqueBookIds([{ id: 'chart-q', element: a }, { id: 'b', element: b }]);
    expect(ids(b)).toEqual(['b', 'b--title', 'chart-q']);
    expect(ids(a)).toEqual(['chart-q--chart-q', 'chart-q--b--title']);
  });

  it('keeps ids clear of the editions\' furniture and of the ids they derive', () => {
    const a = h('article', { id: 'main' }, [
      h('span', { id: 'page-12' }), h('h2', { id: 'a--x' }, 'X'), h('p', { id: 'a--x--text' }), h('figure.chart', { id: 'chart-q' }), h('p', { id: 'chart-q-data' }),
    ]);
    uniqueBookIds([{ id: 'a', element: a }]);
    expect(ids(a)).toEqual(['a--main', 'a--page-12', 'a--x', 'a--a--x--text', 'chart-q', 'a--chart-q-data']);
    expect(isPageId(PAGE_IDS.contents) && isPageId('page-3') && !isPageId('page-x') && !isPageId('pages-3')).toBe(true);
  });

  it('renames ids inside an inline SVG with the references to them there', () => {
    const svg = (colour: string) => `<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="fig-box-g"><stop stop-color="${colour}"/></linearGradient></defs><rect fill="url(#fig-box-g)" style="stroke: url('#fig-box-g')"/><use href="#fig-box-g"/></svg>`;
    const first = raw(svg('red'));
    const second = raw(svg('blue'));
    const a = h('article', { id: 'a' }, [h('div', [first]), h('div', [second])]);
    uniqueBookIds([{ id: 'a', element: a }]);
    expect((first as { value: string }).value).toBe(svg('red'));
    const renamed = (second as { value: string }).value;
    expect(renamed).toContain('id="a--fig-box-g"');
    expect(renamed).toContain('fill="url(#a--fig-box-g)"');
    expect(renamed).toContain("url('#a--fig-box-g')");
    expect(renamed).toContain('href="#a--fig-box-g"');
    expect(renamed).not.toContain('"fig-box-g"');
  });

  it('knows the ids the print gives its blocks and lines', () => {
    expect([...PRINT_ID_PREFIXES].sort()).toEqual([PAGE_BLOCK_PREFIX, LINE_PREFIX].sort());
    expect(isPageId('print-block-a-3') && isPageId('Print-Line-2-1')).toBe(true);
  });

  it('gives a taken new name a number', () => {
    const a = h('article', { id: 'a' }, [h('p', { id: 'x' }), h('p', { id: 'a--x' }), h('p', { id: 'x' })]);
    uniqueBookIds([{ id: 'a', element: a }]);
    expect(ids(a)).toEqual(['a', 'x', 'a--x', 'a--x-2']);
  });
});
