import { type PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { BookConfig } from '../config/load-book.js';
import { flattenContents, type ContentsEntry } from '../assemble/contents-model.js';
import type { FigureEntry } from '../assemble/number-figures.js';
import { makeAccessible, type AccessibleReport } from './accessible-pdf.js';
import type { ContentStream } from './content-stream.js';
import { writeOutline } from './write-outline.js';

/**
 * Chromium sets only the title: add author, subject, keywords and language, fix both dates
 * to the book's date so the same sources give the same PDF, write the bookmarks, and make
 * the tagged PDF a PDF/UA-1 one (accessible-pdf.ts).
 */
export async function finishPdf(
  doc: PDFDocument, book: BookConfig, contents: readonly ContentsEntry[], pages: ReadonlyMap<string, number>,
  figures: readonly FigureEntry[] = [],
  /** The pages' parsed content, or how many artifacts the print units marked already (then none are marked here). */
  content: { readonly parsed?: ReadonlyArray<readonly ContentStream[]>; readonly artifacts?: number } = {},
): Promise<{ bytes: Uint8Array; pageCount: number; accessible: AccessibleReport }> {
  const title = book.subtitle ? `${book.title}: ${book.subtitle}` : book.title;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(book.authors.map((a) => a.name).join(', '));
  doc.setSubject(book.description);
  doc.setKeywords([...book.keywords]);
  doc.setCreator('python-tech-radar publishing pipeline');
  doc.setProducer('Chromium (puppeteer) + pdf-lib');
  doc.setCreationDate(book.modified);
  doc.setModificationDate(book.modified);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(book.language));
  writeOutline(doc, contents, pages);
  const targetNames = new Map<string, string>([
    ...flattenContents(contents).map((e): [string, string] => [e.id, e.label && e.level === 1 ? `${e.label}: ${e.title}` : e.title]),
    ...figures.map((f): [string, string] => [f.id, `${f.kind === 'chart' ? 'Chart' : 'Figure'} ${f.number}: ${f.title}`]),
  ]);
  const accessible = makeAccessible(doc, {
    targetNames, ...content, title, authors: book.authors.map((a) => a.name), description: book.description, keywords: book.keywords,
    language: book.language, date: book.modified, creatorTool: 'python-tech-radar publishing pipeline', producer: 'Chromium (puppeteer) + pdf-lib',
  });
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, pageCount: doc.getPageCount(), accessible };
}
