import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { describe, expect, it } from 'vitest';
import { legibleWidth } from '../../scripts/figures/legible-width.js';

const root = (svg: string) => fromXml(svg).children.find((n): n is Element => n.type === 'element')!;

describe('a drawing\'s legible width (its smallest text at 12 px)', () => {
  it('scales the viewBox by 12 over the smallest font-size, inherited from groups', () => {
    expect(legibleWidth(root('<svg viewBox="0 0 640 190"><g font-size="16"><text>a</text><g font-size="8px"><text>b</text></g></g></svg>'))).toBe(960);
    expect(legibleWidth(root('<svg viewBox="0 0 300 100"><text font-size="15">a</text><text font-size="18"><tspan font-size="10">b</tspan></text></svg>'))).toBe(360);
    // SVG's initial size, 16.
    expect(legibleWidth(root('<svg viewBox="0,0,320,100"><text>a</text></svg>'))).toBe(240);
  });

  it('is unknown without text, without a viewBox, or with a size in another unit', () => {
    expect(legibleWidth(root('<svg viewBox="0 0 640 190"><rect width="1" height="1"/></svg>'))).toBeUndefined();
    expect(legibleWidth(root('<svg width="640"><text font-size="12">a</text></svg>'))).toBeUndefined();
    expect(legibleWidth(root('<svg viewBox="0 0 640 190"><text font-size="0.8em">a</text></svg>'))).toBeUndefined();
  });

  it('keeps the report\'s timeline drawings at their own width (their smallest text is 12)', () => {
    const svg = readFileSync(join(import.meta.dirname, '..', '..', 'manuscript', 'figures', 'concurrency.svg'), 'utf8');
    expect(legibleWidth(root(svg))).toBe(640);
  });
});
