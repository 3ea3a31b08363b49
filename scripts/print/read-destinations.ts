import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Page number (1-based) of every named destination in a PDF. Chromium writes one for each
 * id a link points to, which is how the contents learn each heading's page.
 */
export async function readDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(dests)) {
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') pages.set(name, (await doc.getPageIndex(ref as never)) + 1);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
