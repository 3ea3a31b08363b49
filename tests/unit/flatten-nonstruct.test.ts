import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flattenNonStruct } from '../../scripts/print/flatten-nonstruct.js';
import { readStructTree } from '../../scripts/print/struct-tree.js';

/**
 * The print's line spans become NonStruct elements in Chromium's tags: they are spliced into
 * their parents, on a two-page tagged PDF made by hand: a paragraph on page 1 whose middle is a
 * NonStruct, a NonStruct with an /ID (kept), and a paragraph that runs onto page 2 through one.
 */
async function tagged() {
  const doc = await PDFDocument.create();
  const [one, two] = [doc.addPage(), doc.addPage()];
  const ctx = doc.context;
  const elem = (s: string, parent: PDFRef, page: PDFRef, k: unknown[], extra: Record<string, unknown> = {}) => ctx.register(ctx.obj({ Type: 'StructElem', S: s, P: parent, Pg: page, K: k as never, ...extra }));
  const rootRef = ctx.nextRef();
  const doc1 = ctx.nextRef();
  const span = elem('NonStruct', doc1, one.ref, [1]);
  const kept = elem('NonStruct', doc1, one.ref, [3], { ID: ctx.obj('kept-1') as never });
  const p1 = elem('P', doc1, one.ref, [0, span, 2, kept]);
  const over = elem('NonStruct', doc1, two.ref, [0]);
  const p2 = elem('P', doc1, one.ref, [4, over]);
  for (const [child, parent] of [[span, p1], [kept, p1], [over, p2]] as const) (ctx.lookup(child) as PDFDict).set(PDFName.of('P'), parent);
  ctx.assign(doc1, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [p1, p2] }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: doc1, ParentTree: ctx.obj({ Nums: [0, [p1, span, p1, kept, p2], 1, [over]] }) }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  return { doc, p1, p2, kept, span, over, one, two };
}

describe('NonStruct elements spliced into their parents', () => {
  it('moves their content up in place, keeps one with an ID, and points the parent tree at the parent', async () => {
    const { doc, p1, p2, kept, span, over, two } = await tagged();
    expect(flattenNonStruct(doc)).toBe(2);
    const k = (ref: PDFRef) => (doc.context.lookup(ref) as PDFDict).lookup(PDFName.of('K'), PDFArray).asArray();
    // p1: 0, (span's 1), 2, the kept element, in that order.
    expect(k(p1).map((x) => (x instanceof PDFNumber ? x.asNumber() : x))).toEqual([0, 1, 2, kept]);
    // p2 sits on page 1: the MCID it took from page 2 is a marked-content reference to page 2.
    const moved = doc.context.lookup(k(p2)[1]!) as PDFDict;
    expect(moved.get(PDFName.of('Pg'))).toBe(two.ref);
    expect((moved.get(PDFName.of('MCID')) as PDFNumber).asNumber()).toBe(0);
    // The removed elements are gone; the parent tree names the paragraphs.
    expect(doc.context.lookup(span)).toBeUndefined();
    expect(doc.context.lookup(over)).toBeUndefined();
    const tree = readStructTree(doc);
    expect(tree.owners[0]!.get(1)!.type).toBe('P');
    expect(tree.owners[1]!.get(0)!.type).toBe('P');
    const nums = (doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('ParentTree'), PDFDict)).lookup(PDFName.of('Nums'), PDFArray);
    expect((nums.get(1) as PDFArray).asArray()).toEqual([p1, p1, p1, kept, p2]);
    expect((nums.get(3) as PDFArray).asArray()).toEqual([p2]);
  });
});
