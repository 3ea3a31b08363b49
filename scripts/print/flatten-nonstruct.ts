import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from 'pdf-lib';

const K = PDFName.of('K');
const S = PDFName.of('S');
const P = PDFName.of('P');
const PG = PDFName.of('Pg');
const NON_STRUCT = PDFName.of('NonStruct');
/** What makes a grouping element carry meaning of its own: it is kept. */
const MEANINGFUL = ['ID', 'Alt', 'ActualText', 'E', 'Lang', 'A', 'C', 'T'].map((n) => PDFName.of(n));

/**
 * Chromium tags every `<span>` as a NonStruct element: a grouping with no meaning (ISO 32000
 * 14.8.4.2). The print's line setting puts a span on each line's text (its word spacing), about
 * 3,500 of them in the report, which as elements of their own made the PDF a quarter larger and
 * its tree noisier for no reader's gain. Each NonStruct without attributes of its own is
 * replaced in its parent by its children, in place, and the parent tree's entries for its marked
 * content point at the parent. Changes `doc`; returns how many were removed.
 */
export function flattenNonStruct(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const replaced = new Map<string, PDFRef>();
  const removed: PDFRef[] = [];
  const kidsOf = (d: PDFDict): PDFObject[] => {
    const k = d.get(K);
    const value = lookup(k);
    return value instanceof PDFArray ? value.asArray() : k ? [k] : [];
  };
  const flattenable = (d: PDFDict) => d.get(S) === NON_STRUCT && !MEANINGFUL.some((n) => d.has(n));

  /** The kids of `dict` (whose ref is `ref`, on page `page`) with each NonStruct among them spliced in. */
  const visit = (dict: PDFDict, ref: PDFRef | undefined, page: PDFObject | undefined): void => {
    const ownPage = dict.get(PG) ?? page;
    const kids: PDFObject[] = [];
    let changed = false;
    for (const kid of kidsOf(dict)) {
      const value = lookup(kid);
      if (!(value instanceof PDFDict) || !value.has(S)) { kids.push(kid); continue; }
      visit(value, kid instanceof PDFRef ? kid : undefined, ownPage);
      // Its content moves up: a bare MCID keeps its page (an MCR when the pages differ).
      const itsPage = value.get(PG) ?? ownPage;
      if (!(kid instanceof PDFRef) || !ref || !flattenable(value) || !(itsPage instanceof PDFRef)) { kids.push(kid); continue; }
      for (const grandkid of kidsOf(value)) {
        const g = lookup(grandkid);
        if (g instanceof PDFNumber && itsPage !== dict.get(PG)) {
          kids.push(doc.context.obj({ Type: 'MCR', Pg: itsPage, MCID: g.asNumber() }));
        } else {
          if (g instanceof PDFDict && g.has(S)) g.set(P, ref);
          kids.push(grandkid);
        }
      }
      replaced.set(kid.toString(), ref);
      removed.push(kid);
      changed = true;
    }
    if (changed) dict.set(K, doc.context.obj(kids));
  };
  for (const kid of kidsOf(root)) {
    const value = lookup(kid);
    if (value instanceof PDFDict) visit(value, kid instanceof PDFRef ? kid : undefined, undefined);
  }
  if (replaced.size === 0) return 0;

  // The parent tree: page entries (arrays, an element per MCID) and annotation entries (an element).
  const fix = (o: PDFObject): PDFObject => (o instanceof PDFRef && replaced.has(o.toString()) ? replaced.get(o.toString())! : o);
  const tree = (node: PDFDict | undefined) => {
    if (!node) return;
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums) {
      for (let i = 1; i < nums.size(); i += 2) {
        const entry = nums.get(i);
        const value = lookup(entry);
        if (value instanceof PDFArray) for (let j = 0; j < value.size(); j++) value.set(j, fix(value.get(j)));
        else nums.set(i, fix(entry));
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const kid of kids?.asArray() ?? []) tree(lookup(kid) as PDFDict | undefined);
  };
  tree(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
  for (const ref of removed) doc.context.delete(ref);
  return replaced.size;
}
