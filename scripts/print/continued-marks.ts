/**
 * A listing that breaks across pages gets a quiet "continued" at the top of each page it goes
 * on to. Chromium cannot style the later fragments of a box, so the print finds the breaks
 * itself: every line of a listing gets an id and a hidden link (as the page blocks do), the
 * pass's named destinations give each line's page, and the line that opens a page carries the
 * mark in the next pass. The mark is positioned out of the flow, into the listing's top
 * padding (repeated on every page: box-decoration-break), so it moves nothing: the pass that
 * prints it confirms the breaks it marks (print-pdf.ts checks, and prints again if not).
 */
export const LINE_PREFIX = 'print-line-';
export const CONTINUED_CLASS = 'continued-mark';

/**
 * Runs inside the print page (self-contained): gives every line of every listing an id and a
 * hidden link; returns each listing's line ids, in order.
 */
export function markListingLines(args: { prefix: string }): string[][] {
  const list = document.createElement('div');
  list.hidden = true;
  list.setAttribute('aria-hidden', 'true');
  const listings = [...document.querySelectorAll('pre.code')].map((pre, p) => [...pre.querySelectorAll('.line')].map((line, l) => {
    line.id = `${args.prefix}${p}-${l}`;
    const link = document.createElement('a');
    link.href = `#${line.id}`;
    list.append(link);
    return line.id;
  }));
  document.body.append(list);
  return listings;
}

/** The lines that open a page inside a listing: the first line on a page after the listing's first. */
export function continuedLines(listings: ReadonlyArray<readonly string[]>, pageOf: ReadonlyMap<string, number>): string[] {
  const opening: string[] = [];
  for (const lines of listings) {
    let previous: number | undefined;
    for (const id of lines) {
      const page = pageOf.get(id);
      if (page === undefined) continue;
      if (previous !== undefined && page > previous) opening.push(id);
      previous = page;
    }
  }
  return opening;
}

/**
 * Runs inside the print page (self-contained): puts a mark at exactly these lines, removing
 * any other. The mark is hidden from assistive technology: it is not part of the code, and the
 * untagged text becomes a pagination artifact in the PDF (mark-artifacts.ts).
 */
export function placeContinuedMarks(args: { lines: string[]; className: string; text: string }): void {
  const wanted = new Set(args.lines);
  for (const mark of document.querySelectorAll(`.${args.className}`)) {
    if (!wanted.has(mark.parentElement?.id ?? '')) mark.remove();
  }
  for (const id of wanted) {
    const line = document.getElementById(id);
    if (!line || line.querySelector(`:scope > .${args.className}`)) continue;
    const mark = document.createElement('span');
    mark.className = args.className;
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = args.text;
    line.prepend(mark);
  }
}
