/**
 * What the last print of the book settled on: the page of every contents target and the
 * openers that needed a blank page before them. A warm build starts from it and usually
 * prints once; print-pdf.ts checks every number against the PDF, so a stale one costs a pass,
 * never a wrong page number.
 */
export interface PrintLayout {
  readonly pages: Array<[string, number]>;
  /** `data-recto` ids of the openers with a blank page before them. */
  readonly blanksBefore: string[];
  /** The listings' lines that open a page, marked "continued" (continued-marks.ts). */
  readonly continuedAt: string[];
}

/** Runs inside the print page (self-contained): puts the blanks back and writes the numbers. */
export function restoreLayout(layout: PrintLayout): void {
  const blanks = new Set(layout.blanksBefore);
  for (const opener of document.querySelectorAll<HTMLElement>('[data-recto]')) {
    if (!blanks.has(opener.dataset.recto!) || opener.previousElementSibling?.classList.contains('blank-page')) continue;
    const filler = document.createElement('div');
    filler.className = 'blank-page';
    filler.setAttribute('aria-hidden', 'true');
    opener.before(filler);
  }
  const pages = new Map(layout.pages);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.toc-link')) {
    const span = link.querySelector('.toc-page');
    const n = pages.get(decodeURIComponent(link.hash.slice(1)));
    if (span) span.textContent = n === undefined ? '' : String(n);
  }
}

/** Runs inside the print page: the openers that have a blank page before them now. */
export function blanksBefore(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.blank-page + [data-recto]')].map((opener) => opener.dataset.recto!);
}
