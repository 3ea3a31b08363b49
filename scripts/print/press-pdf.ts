import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';

const MM = 72 / 25.4;

export interface PressOptions {
  /** Bleed on each side, in millimetres (printers usually ask for 3 mm). */
  readonly bleedMm?: number;
  /** Room outside the bleed for the crop marks, in millimetres. */
  readonly slugMm?: number;
  /** Background to extend into the bleed on full-bleed pages (the cover). */
  readonly fullBleed?: ReadonlyArray<{ page: number; color: [number, number, number] }>;
  /** The tagged PDF readers get, named in this file's subject. */
  readonly readerEdition?: string;
}

/** What the press PDF says of itself: it is for the printer, and carries no tags. */
export function pressNotice(readerEdition = 'the reader edition'): string {
  return `Print-ready file for the printing house (bleed and crop marks). It carries no tags and is not accessible: readers get ${readerEdition}.`;
}

/**
 * The print-ready variant for a printing house: every page placed on a larger sheet with
 * bleed and crop marks, TrimBox and BleedBox set. Full-bleed pages get their background
 * extended into the bleed. (Chromium cannot print crop marks or bleed itself.)
 */
export async function makePressPdf(pdf: Uint8Array, options: PressOptions = {}): Promise<Uint8Array> {
  const bleed = (options.bleedMm ?? 3) * MM;
  const slug = (options.slugMm ?? 10) * MM;
  const source = await PDFDocument.load(pdf);
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
    if (full) sheet.drawRectangle({ x: x - bleed, y: y - bleed, width: width + 2 * bleed, height: height + 2 * bleed, color: rgb(...full.color) });
    sheet.drawPage(page, { x, y });
    sheet.setTrimBox(x, y, width, height);
    sheet.setBleedBox(x - bleed, y - bleed, width + 2 * bleed, height + 2 * bleed);
    drawCropMarks(sheet, x, y, width, height, bleed);
  });
  return out.save({ useObjectStreams: false });
}

function drawCropMarks(sheet: PDFPage, x: number, y: number, w: number, h: number, bleed: number): void {
  const length = 6 * MM;
  const gap = bleed + 1 * MM; // marks start outside the bleed so they never print on the page
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    sheet.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: rgb(0, 0, 0) });
  for (const cx of [x, x + w]) {
    for (const cy of [y, y + h]) {
      const dx = cx === x ? -1 : 1;
      const dy = cy === y ? -1 : 1;
      line(cx + dx * gap, cy, cx + dx * (gap + length), cy);
      line(cx, cy + dy * gap, cx, cy + dy * (gap + length));
    }
  }
}
