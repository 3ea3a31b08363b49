/**
 * Runs inside the print page before printing (self-contained: no imports, no closures).
 *
 * Chromium honours `widows` only in a paragraph of at least `orphans + widows` lines: in a
 * shorter one it keeps `orphans` lines at the foot of the page and sends the rest, often a
 * single line, to the next. So paragraphs and list items too short to break well are kept
 * whole: their lines are counted at the width of the printed text column (the caller sets it:
 * column-width.ts). Returns how many were kept.
 */
export function keepShortParagraphs(): number {
  let kept = 0;
  for (const block of document.querySelectorAll<HTMLElement>('main p, main li')) {
    const style = getComputedStyle(block);
    const lineHeight = parseFloat(style.lineHeight);
    if (!(lineHeight > 0)) continue;
    const lines = Math.round((block.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / lineHeight);
    const needed = Number(style.orphans) + Number(style.widows);
    if (lines > 1 && lines < needed && block.querySelector('p, ul, ol, pre, figure, table') === null) {
      block.style.breakInside = 'avoid';
      kept++;
    }
  }
  return kept;
}
