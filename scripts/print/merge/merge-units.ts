import { PDFDocument, PDFName } from 'pdf-lib';

export interface PrintedUnit { readonly bytes: Uint8Array }

/** PROVISIONAL (pages only): replaced by the tagged merge. */
export async function mergeUnits(units: readonly PrintedUnit[]): Promise<PDFDocument> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const unit of units) {
    const doc = await PDFDocument.load(unit.bytes, { updateMetadata: false });
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  out.catalog.set(PDFName.of('StructTreeRoot'), out.context.obj({ Type: 'StructTreeRoot' }));
  return out;
}
