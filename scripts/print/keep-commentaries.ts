/**
 * Runs inside the print page before printing (self-contained: no imports, no closures).
 *
 * An expert commentary is kept whole when it fits on a page (`break-inside: avoid`: one that
 * does not fit where it falls starts on the next page), and one taller than a page breaks
 * inside its paragraphs, as the text outside does (their orphans and widows keep two lines on
 * each side; styles/print.css keeps the signature with the lines before it). A break between
 * its paragraphs could still leave a one-line paragraph alone on a side (after the label, or
 * before the signature): the paragraphs at either end are held together until two lines are
 * (split-commentaries.ts checks it on the PDF). Heights and lines are measured at the width of
 * the printed column (the caller sets it: column-width.ts); `areaHeight` is the page's text area (CSS px). Returns how many were kept whole.
 */
export function keepCommentaries(args: { areaHeight: number; sideLines: number }): number {
  let kept = 0;
  for (const box of document.querySelectorAll<HTMLElement>('aside.commentary')) {
    if (box.getBoundingClientRect().height <= args.areaHeight) {
      box.style.breakInside = 'avoid';
      kept++;
      continue;
    }
    const paragraphs = [...box.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.tagName === 'P' && !c.classList.contains('commentary-label'));
    const lines = paragraphs.map((p) => {
      const style = getComputedStyle(p);
      const lineHeight = parseFloat(style.lineHeight);
      return lineHeight > 0 ? Math.round((p.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / lineHeight) : args.sideLines;
    });
    // From the front: no break after a paragraph until the lines before it are enough.
    let before = 0;
    for (let i = 0; i < paragraphs.length - 1; i++) {
      before += lines[i]!;
      if (before >= args.sideLines) break;
      paragraphs[i]!.style.breakAfter = 'avoid';
    }
    // From the back: no break before a paragraph until the lines from it on are enough.
    let after = 0;
    for (let i = paragraphs.length - 1; i > 0; i--) {
      after += lines[i]!;
      if (after >= args.sideLines) break;
      paragraphs[i]!.style.breakBefore = 'avoid';
    }
  }
  return kept;
}
