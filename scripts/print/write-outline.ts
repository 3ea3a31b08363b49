import { type PDFArray, type PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import type { ContentsEntry } from '../assemble/contents-model.js';

/**
 * Replaces Chromium's bookmarks (built from every heading, and polluted by the running
 * header's text) with bookmarks that mirror the contents: parts → chapters → sections.
 */
export function writeOutline(doc: PDFDocument, contents: readonly ContentsEntry[], pages: ReadonlyMap<string, number>): number {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const context = doc.context;
  const rootRef = context.nextRef();
  let count = 0;

  const addLevel = (entries: readonly ContentsEntry[], parentRef: PDFRef): { first?: PDFRef; last?: PDFRef; total: number } => {
    const placed = entries.filter((e) => pages.has(e.id));
    const refs = placed.map(() => context.nextRef());
    let total = 0;
    placed.forEach((entry, i) => {
      const page = pageRefs[pages.get(entry.id)! - 1]!;
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(entry.label && entry.level === 1 ? `${entry.label}: ${entry.title}` : entry.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), context.obj([page, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]) as PDFArray);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const kids = addLevel(entry.children, refs[i]!);
      if (kids.first) {
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last!);
        // Negative: parts and chapters start closed except at the top level.
        dict.set(PDFName.of('Count'), PDFNumber.of(entry.level === 1 ? kids.total : -kids.total));
      }
      context.assign(refs[i]!, dict);
      total += 1 + (entry.level === 1 ? kids.total : 0);
      count += 1;
    });
    return { first: refs[0], last: refs[refs.length - 1], total };
  };

  const top = addLevel(contents, rootRef);
  const root = context.obj({ Type: 'Outlines' }) as PDFDict;
  if (top.first) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last!);
    root.set(PDFName.of('Count'), PDFNumber.of(top.total));
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return count;
}
