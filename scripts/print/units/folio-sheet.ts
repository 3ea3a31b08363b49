import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { flateStream } from '../flate.js';

/**
 * A document of `pages` empty pages under the print style sheet: Chromium prints each with
 * only its folio, set exactly as on a page of the book (the same @page rule, font and place).
 */
export function folioSheetHtml(pages: number): string {
  const blanks = Array.from({ length: pages }, (_, i) => `<div style="height:1px${i < pages - 1 ? ';break-after:page' : ''}"></div>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="book.css"></head><body class="edition-print">${blanks}</body></html>`;
}

const FOLIO = PDFName.of('PtrFolio');

/**
 * Draws page n of the folio sheet on page n of `doc`, for each page in `folios` (1-based), as
 * a form XObject inside pagination artifact content: no tag, as Chromium's own folios were.
 */
export async function stampFolios(doc: PDFDocument, sheet: Uint8Array, folios: readonly number[]): Promise<void> {
  const wanted = folios.filter((n) => n >= 1 && n <= doc.getPageCount());
  if (wanted.length === 0) return;
  const source = await PDFDocument.load(sheet, { updateMetadata: false });
  const embedded = await doc.embedPdf(source, wanted.map((n) => n - 1));
  const pages = doc.getPages();
  // The page's own content is wrapped in q … Q, so the folio is drawn in the page's space
  // whatever that content leaves of the graphics state. Both streams are shared by every page.
  const before = doc.context.register(flateStream(doc.context, Buffer.from('q\n', 'latin1')));
  const after = doc.context.register(flateStream(doc.context, Buffer.from('Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq /PtrFolio Do Q\nEMC\n', 'latin1')));
  wanted.forEach((n, i) => {
    const page = pages[n - 1]!;
    const ref: PDFRef = embedded[i]!.ref;
    const resources = page.node.Resources() ?? doc.context.obj({});
    const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict) ?? doc.context.obj({});
    xobjects.set(FOLIO, ref);
    resources.set(PDFName.of('XObject'), xobjects);
    page.node.set(PDFName.of('Resources'), resources);
    const contents = page.node.get(PDFName.of('Contents'));
    const list = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    page.node.set(PDFName.of('Contents'), doc.context.obj([before, ...list, after]));
  });
  // The forms are written when the document is saved (pdf-lib embeds lazily); now, so the refs hold.
  for (const e of embedded) await e.embed();
}
