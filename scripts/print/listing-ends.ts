/**
 * Runs inside the print page (self-contained). A listing's lines are blocks (for their hanging
 * indent), which its orphans and widows do not reach, and counting them by position (CSS
 * :nth-child) counts blank lines too: a page could end on a listing's last line but a blank and
 * its last statement. So no break is allowed that leaves fewer than `lines` lines with text on
 * either side (`break-after: avoid` / `break-before: avoid` on the lines in reach). Returns how
 * many lines it kept so.
 */
export function keepListingEnds(args: { lines: number }): number {
  let kept = 0;
  for (const pre of document.querySelectorAll('pre.code')) {
    const lines = [...pre.querySelectorAll<HTMLElement>('.line')];
    const filled = lines.map((line) => ((line.textContent ?? '').trim() !== '' ? 1 : 0));
    const total = filled.reduce<number>((sum, f) => sum + f, 0);
    let before = 0;
    for (const [i, line] of lines.entries()) {
      // A break after line i leaves `before` lines with text above it and `total - before` below.
      before += filled[i]!;
      if (i === lines.length - 1) break;
      if (before < args.lines || total - before < args.lines) {
        line.style.breakAfter = 'avoid';
        kept++;
      }
    }
  }
  return kept;
}
