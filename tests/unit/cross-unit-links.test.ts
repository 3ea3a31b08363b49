import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { CROSS_UNIT_ORIGIN, crossUnitTarget, linkAcrossUnits } from '../../scripts/print/merge/cross-unit-links.js';

const unit = (body: string) => fromHtml(`<!doctype html><html><head></head><body>${body}</body></html>`);

describe('linkAcrossUnits (the units of one book, before each is printed)', () => {
  it('points a link to another unit\'s id at the cross-unit origin, and gives that unit a hidden link to the id', () => {
    const units = [unit('<h1 id="a">A</h1><a href="#b">to b</a><a href="#a">to a</a><a href="#nowhere">x</a>'), unit('<h1 id="b">B</h1><a href="#a">to a</a>')];
    expect(linkAcrossUnits(units)).toEqual({ links: 2, targets: [['a'], ['b']] });
    const [first, second] = units.map((u) => toHtml(u));
    expect(first).toContain(`<a href="${CROSS_UNIT_ORIGIN}/#b">to b</a><a href="#a">to a</a><a href="#nowhere">x</a>`);
    expect(first).toMatch(/<div hidden class="cross-unit-targets"><a href="#a"><\/a><\/div><\/body>/);
    expect(second).toContain(`<a href="${CROSS_UNIT_ORIGIN}/#a">to a</a><div hidden class="cross-unit-targets"><a href="#b"></a></div></body>`);
  });

  it('reads the id back from a printed URI action, percent-encoding undone; other addresses are not cross-unit links', () => {
    expect(crossUnitTarget(`${CROSS_UNIT_ORIGIN}/#caf%C3%A9`)).toBe('café');
    expect(crossUnitTarget('https://example.com/#x')).toBeUndefined();
    expect(crossUnitTarget(`${CROSS_UNIT_ORIGIN}/x#y`)).toBeUndefined();
  });
});
