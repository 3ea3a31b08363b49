import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFObject, PDFRef, type PDFContext } from 'pdf-lib';

const KIDS = PDFName.of('Kids');

/**
 * The entries of a number tree (the structure tree's /ParentTree), in key order: Chromium writes
 * one flat /Nums array, but a tree with /Kids is read the same way.
 */
export function readNumberTree(context: PDFContext, node: PDFObject | undefined): Array<[number, PDFObject]> {
  const entries: Array<[number, PDFObject]> = [];
  visit(context, node, 'Nums', (key, value) => {
    if (key instanceof PDFNumber) entries.push([key.asNumber(), value]);
  });
  return entries.sort((a, b) => a[0] - b[0]);
}

function visit(context: PDFContext, node: PDFObject | undefined, leaves: 'Nums' | 'Names', each: (key: PDFObject, value: PDFObject) => void, seen = new Set<PDFObject>()): void {
  const dict = node instanceof PDFRef ? context.lookup(node) : node;
  if (!(dict instanceof PDFDict) || seen.has(dict)) return;
  seen.add(dict);
  const pairs = dict.lookupMaybe(PDFName.of(leaves), PDFArray);
  for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) each(pairs.get(i), pairs.get(i + 1));
  const kids = dict.lookupMaybe(KIDS, PDFArray);
  for (const kid of kids?.asArray() ?? []) visit(context, kid, leaves, each, seen);
}
