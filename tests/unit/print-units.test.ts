import { describe, expect, it } from 'vitest';
import { layOut } from '../../scripts/print/units/print-book.js';
import { pagesWithoutFolio } from '../../scripts/print/units/folios.js';
import type { PrintUnit } from '../../scripts/print/units/book-units.js';

const unit = (id: string, recto: boolean): PrintUnit => ({ id, sections: [], recto, inMain: true });

describe('print units', () => {
  it('lay out one after another, a blank verso before a right-hand opener that would start on a left page', () => {
    const units = [unit('front', false), unit('contents', false), unit('part-1', true), unit('essay', true), unit('notes', false), unit('part-2', true)];
    const lengths: Record<string, number> = { front: 2, contents: 3, 'part-1': 1, essay: 5, notes: 2, 'part-2': 1 };
    expect(layOut(units, (u) => lengths[u.id]!)).toEqual([
      { unit: units[0], firstPage: 1, blankBefore: false },
      { unit: units[1], firstPage: 3, blankBefore: false },
      // Page 6 is a left-hand page: blank, and the part opens on 7.
      { unit: units[2], firstPage: 7, blankBefore: true },
      { unit: units[3], firstPage: 9, blankBefore: true },
      { unit: units[4], firstPage: 14, blankBefore: false },
      { unit: units[5], firstPage: 17, blankBefore: true },
    ]);
  });

  it('know the pages without a folio from the style sheet: the named pages whose folio box shows nothing', () => {
    const css = `@page { @bottom-center { content: counter(page); } }
      @page cover { margin: 0; @bottom-center { content: none; } }
      @page opener { @bottom-center { content: none } }
      @page ch-x { @top-center { content: "X"; } }
      @page wide { @bottom-center { content: counter(page); } }`;
    expect(pagesWithoutFolio(css)).toEqual(['cover', 'opener']);
  });
});
