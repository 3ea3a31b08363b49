import { PDFArray, type PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { measure, parsedContent, type TextObject } from './page-geometry.js';
import { flateStream } from './flate.js';

/**
 * No running head on a page a chapter, part, the front or the back matter opens on. A unit's
 * running heads come from its chapter's named page (running-head.ts), and Chromium can give a
 * chapter's first page no margin box of its own: `:first` matches only a document's first
 * page (the cover's, in the front matter's unit), and a named page of its own for the opening
 * blocks would force a page break after them. So the head is taken off those pages once they
 * are printed: its text is the one text object outside any marked content in the top margin
 * (Chromium tags the page's content and leaves margin boxes untagged). Returns how many were taken off.
 */
export function dropOpenerHeads(doc: PDFDocument, pages: ReadonlySet<number>, topMargin: number): number {
  let dropped = 0;
  for (const n of pages) {
    const page = doc.getPages()[n - 1];
    if (!page) continue;
    const streams = parsedContent(page);
    const objects: TextObject[] = [];
    measure(streams, page.getHeight(), objects);
    const areaTop = page.getHeight() - topMargin;
    const heads = objects.filter((o) => !o.marked && o.baselines.length > 0 && o.baselines.every((y) => y > areaTop));
    if (heads.length === 0) continue;
    const texts = streams.map((s, i) => {
      let out = '';
      let at = 0;
      for (const o of heads.filter((h) => h.stream === i)) {
        out += s.text.slice(at, o.start);
        at = o.end;
      }
      return out + s.text.slice(at);
    });
    // The old streams go: pdf-lib saves every object it holds, referenced or not.
    const old = page.node.get(PDFName.of('Contents'));
    for (const ref of old instanceof PDFArray ? old.asArray() : [old]) if (ref instanceof PDFRef) doc.context.delete(ref);
    page.node.set(PDFName.of('Contents'), doc.context.register(flateStream(doc.context, Buffer.from(texts.join('\n'), 'latin1'))));
    dropped += heads.length;
  }
  return dropped;
}
