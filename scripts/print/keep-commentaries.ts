/**
 * Runs inside the print page before printing (self-contained: no imports, no closures).
 *
 * An expert commentary is kept whole when it fits on a page (`break-inside: avoid`: one that
 * does not fit where it falls starts on the next page), and one taller than a page breaks
 * inside its paragraphs, as the text outside does (their orphans and widows keep two lines on
 * each side; styles/print.css keeps the signature with the lines before it). Its height is
 * measured at the width of the printed column; `areaHeight` is the page's text area (CSS px).
 * Returns how many were kept whole.
 */
export function keepCommentaries(args: { areaHeight: number }): number {
  let kept = 0;
  document.body.style.width = getComputedStyle(document.documentElement).getPropertyValue('--print-text-width');
  for (const box of document.querySelectorAll<HTMLElement>('aside.commentary')) {
    if (box.getBoundingClientRect().height <= args.areaHeight) {
      box.style.breakInside = 'avoid';
      kept++;
    }
  }
  document.body.style.removeProperty('width');
  return kept;
}
