import { cmyk, PDFDocument, type PDFPage } from 'pdf-lib';
import type { BrandTable, Cmyk } from './press/brand-cmyk.js';
import type { OutputProfile } from './press/icc-profile.js';
import { makePdfX } from './press/pdfx.js';
import { recolourDocument, type ConvertedColour } from './press/recolour-pdf.js';

const MM = 72 / 25.4;

export interface PressOptions {
  /** Bleed on each side, in millimetres (printers usually ask for 3 mm). */
  readonly bleedMm?: number;
  /** Room outside the bleed for the crop marks, in millimetres. */
  readonly slugMm?: number;
  /** Background to extend into the bleed on full-bleed pages (the cover). */
  readonly fullBleed?: ReadonlyArray<{ page: number; color: Cmyk }>;
  /** The tagged PDF readers get, named in this file's subject. */
  readonly readerEdition?: string;
  /** The screen colours' print values (tokens.css), for every RGB colour of the reader's PDF. */
  readonly brand: BrandTable;
  /** The output intent's profile, embedded. */
  readonly profile: OutputProfile;
  /** The printing condition's registered name, when the profile's is not the one to give. */
  readonly condition?: string;
}

export interface PressPdf {
  readonly bytes: Uint8Array;
  /** Every screen colour of the reader's PDF and its inks, most used first (the press preflight lists them). */
  readonly converted: readonly ConvertedColour[];
}

/** What the press PDF says of itself: it is for the printer, and carries no tags. */
export function pressNotice(readerEdition = 'the reader edition'): string {
  return `Print-ready file for the printing house (bleed and crop marks). It carries no tags and is not accessible: readers get ${readerEdition}.`;
}

/**
 * The print-ready variant for a printing house, a CMYK PDF/X-4: the reader's pages recoloured
 * through the brand table (press/recolour-pdf.ts), each placed on a larger sheet with bleed and
 * crop marks, TrimBox and BleedBox set; full-bleed pages get their background extended into the
 * bleed in its print value; the output intent embeds the printer's profile (press/pdfx.ts).
 * (Chromium prints neither CMYK nor bleed nor crop marks itself.)
 */
export async function makePressPdf(pdf: Uint8Array, options: PressOptions): Promise<PressPdf> {
  const bleed = (options.bleedMm ?? 3) * MM;
  const slug = (options.slugMm ?? 10) * MM;
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const converted = recolourDocument(source, options.brand);
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(`${source.getTitle() ?? ''} (print-ready)`);
  out.setCreationDate(source.getCreationDate() ?? new Date(0));
  out.setModificationDate(source.getModificationDate() ?? new Date(0));
  out.setProducer(source.getProducer() ?? '');
  // Placing pages on larger sheets drops the structure tree: say so rather than pass for the tagged edition.
  out.setSubject(pressNotice(options.readerEdition));
  const embedded = await out.embedPages(source.getPages());
  embedded.forEach((page, i) => {
    const { width, height } = page;
    const sheet = out.addPage([width + 2 * (bleed + slug), height + 2 * (bleed + slug)]);
    const x = bleed + slug;
    const y = bleed + slug;
    const full = options.fullBleed?.find((f) => f.page === i + 1);
    if (full) sheet.drawRectangle({ x: x - bleed, y: y - bleed, width: width + 2 * bleed, height: height + 2 * bleed, color: cmyk(...full.color) });
    sheet.drawPage(page, { x, y });
    sheet.setTrimBox(x, y, width, height);
    sheet.setBleedBox(x - bleed, y - bleed, width + 2 * bleed, height + 2 * bleed);
    drawCropMarks(sheet, x, y, width, height, bleed);
  });
  makePdfX(out, {
    title: out.getTitle() ?? '', producer: out.getProducer() ?? '', date: source.getModificationDate() ?? new Date(0),
    profile: options.profile, condition: options.condition, identity: pdf,
  });
  const bytes = await out.save({ useObjectStreams: false });
  // PDF/X-4 is a PDF 1.6 (ISO 15930-7, 4.1) and nothing here needs 1.7; pdf-lib's writer always says 1.7.
  if (Buffer.from(bytes.subarray(0, 8)).toString('latin1') === '%PDF-1.7') bytes[7] = 0x36;
  return { bytes, converted };
}

function drawCropMarks(sheet: PDFPage, x: number, y: number, w: number, h: number, bleed: number): void {
  const length = 6 * MM;
  const gap = bleed + 1 * MM; // marks start outside the bleed so they never print on the page
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    // In registration colour (all four inks), so every plate carries the marks.
    sheet.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: cmyk(1, 1, 1, 1) });
  for (const cx of [x, x + w]) {
    for (const cy of [y, y + h]) {
      const dx = cx === x ? -1 : 1;
      const dy = cy === y ? -1 : 1;
      line(cx + dx * gap, cy, cx + dx * (gap + length), cy);
      line(cx, cy + dy * gap, cx, cy + dy * (gap + length));
    }
  }
}
