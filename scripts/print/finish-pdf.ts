import { type PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { BookConfig } from '../config/load-book.js';
import type { ContentsEntry } from '../assemble/contents-model.js';
import { writeOutline } from './write-outline.js';

/**
 * Chromium sets only the title: add author, subject, keywords and language, fix both dates
 * to the book's date so the same sources give the same PDF, and write the bookmarks.
 */
export async function finishPdf(
  doc: PDFDocument, book: BookConfig, contents: readonly ContentsEntry[], pages: ReadonlyMap<string, number>,
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  doc.setTitle(book.subtitle ? `${book.title}: ${book.subtitle}` : book.title, { showInWindowTitleBar: true });
  doc.setAuthor(book.authors.map((a) => a.name).join(', '));
  doc.setSubject(book.description);
  doc.setKeywords([...book.keywords]);
  doc.setCreator('python-tech-radar publishing pipeline');
  doc.setProducer('Chromium (puppeteer) + pdf-lib');
  doc.setCreationDate(book.modified);
  doc.setModificationDate(book.modified);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(book.language));
  writeOutline(doc, contents, pages);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pageCount: doc.getPageCount() };
}
