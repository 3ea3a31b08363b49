import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

/**
 * Page number (1-based) of every named destination in a PDF. Chromium writes one for each
 * id a link points to (in the catalog's /Dests dictionary), which is how the contents learn
 * each heading's page. pdf-lib reads it without rendering anything: a third of the time
 * pdfjs took for the same job.
 */
export function readDestinationPages(doc: PDFDocument): Map<string, number> {
  return new Map([...readDestinationPlaces(doc)].map(([name, place]) => [name, place.page]));
}

/** Where a named destination points: its page (1-based) and the top of its element, in points from the page's bottom. */
export interface DestinationPlace {
  readonly page: number;
  readonly y: number;
}

/** The page and height of every named destination (Chromium writes `[page /XYZ left top zoom]`). */
export function readDestinationPlaces(doc: PDFDocument): Map<string, DestinationPlace> {
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const places = new Map<string, DestinationPlace>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return places;
  for (const [name, value] of dests.entries()) {
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const array = resolved instanceof PDFDict ? resolved.lookupMaybe(PDFName.of('D'), PDFArray) : resolved instanceof PDFArray ? resolved : undefined;
    const target = array?.get(0);
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
    const top = array?.get(3);
    if (page !== undefined) places.set(name.decodeText(), { page, y: top instanceof PDFNumber ? top.asNumber() : NaN });
  }
  return places;
}

/** Removes the named destinations whose names `drop` picks. */
export function dropDestinations(doc: PDFDocument, drop: (name: string) => boolean): void {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return;
  for (const [name, value] of [...dests.entries()]) {
    if (!drop(name.decodeText())) continue;
    dests.delete(name);
    if (value instanceof PDFRef) doc.context.delete(value);
  }
}
