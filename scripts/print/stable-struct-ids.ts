import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { walk, type StructTree } from './struct-tree.js';

const ID = PDFName.of('ID');
const A = PDFName.of('A');
const HEADERS = PDFName.of('Headers');

/**
 * Chromium names the structure elements that have an /ID (the header cells of tables, which
 * data cells point to with /Headers) after its accessibility tree's node ids, which vary from
 * one browser run to the next: the same sources gave PDFs of different bytes, and sizes (which
 * the web edition prints on its download links). Renamed in document order, as `id000001`…,
 * they are the same every time; the /Headers that point to them and the /IDTree follow.
 */
export function stableStructIds(doc: PDFDocument, tree: StructTree): void {
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const renamed = new Map<string, string>();
  /** The new tree's entries, in document order, which is also the new names' order. */
  const names: PDFObject[] = [];
  for (const e of walk(tree.roots)) {
    const id = e.dict.get(ID);
    if (!(id instanceof PDFString || id instanceof PDFHexString)) continue;
    const fresh = `id${String(renamed.size + 1).padStart(6, '0')}`;
    renamed.set(id.decodeText(), fresh);
    e.dict.set(ID, PDFString.of(fresh));
    if (e.ref) names.push(PDFString.of(fresh), e.ref);
  }
  if (renamed.size === 0) return;
  for (const e of walk(tree.roots)) {
    const attributes = lookup(e.dict.get(A));
    for (const attribute of attributes instanceof PDFArray ? attributes.asArray() : attributes ? [attributes] : []) {
      const dict = lookup(attribute);
      const headers = dict instanceof PDFDict ? lookup(dict.get(HEADERS)) : undefined;
      if (!(headers instanceof PDFArray)) continue;
      for (let i = 0; i < headers.size(); i++) {
        const old = headers.get(i);
        const fresh = old instanceof PDFString || old instanceof PDFHexString ? renamed.get(old.decodeText()) : undefined;
        if (fresh) headers.set(i, PDFString.of(fresh));
      }
    }
  }
  const structRoot = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!structRoot) return;
  // The old tree's nodes go: pdf-lib saves every object it holds, referenced or not.
  deleteNameTree(doc, structRoot.get(PDFName.of('IDTree')));
  structRoot.set(PDFName.of('IDTree'), doc.context.register(doc.context.obj({ Names: names })));
}

function deleteNameTree(doc: PDFDocument, node: PDFObject | undefined): void {
  const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
  if (!(dict instanceof PDFDict)) return;
  const kids = dict.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) deleteNameTree(doc, kid);
  if (node instanceof PDFRef) doc.context.delete(node);
}
