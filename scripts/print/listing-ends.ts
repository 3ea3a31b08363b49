/**
 * Runs inside the print page (self-contained). A listing's lines are blocks (for their hanging
 * indent), which its orphans and widows do not reach; and Chromium honours neither `break-after:
 * avoid` between them nor CSS's count of them (:nth-child counts blank lines too), so a page
 * could end with a listing's last statement alone on the next. So the first and the last
 * `lines` lines with text of each listing, with the blank lines among them, are wrapped in a
 * block kept whole (`break-inside: avoid`, which Chromium does honour): no break leaves fewer
 * on either side. A listing too short to keep that many on each side is kept whole. Returns how
 * many listings it kept so.
 */
export function keepListingEnds(args: { lines: number; className: string }): number {
  let kept = 0;
  for (const pre of document.querySelectorAll('pre.code')) {
    const code = pre.querySelector(':scope > code');
    const lines = [...pre.querySelectorAll<HTMLElement>('.line')];
    if (!code || lines.length === 0 || lines.some((l) => l.parentElement !== code)) continue;
    const filled = lines.map((line) => (line.textContent ?? '').trim() !== '');
    const total = filled.filter(Boolean).length;
    if (total < 2 * args.lines) {
      (pre as HTMLElement).style.breakInside = 'avoid';
      kept++;
      continue;
    }
    // The index of the line with the n-th text from the start, and from the end.
    let seen = 0;
    const head = filled.findIndex((f) => f && ++seen === args.lines);
    seen = 0;
    const tail = lines.length - 1 - [...filled].reverse().findIndex((f) => f && ++seen === args.lines);
    const wrap = (from: Element, to: Element) => {
      const box = document.createElement('span');
      box.className = args.className;
      from.before(box);
      // Everything from `from` to `to` (the line ends between the lines too) moves into the box.
      let node: ChildNode | null = from;
      while (node) {
        const next: ChildNode | null = node.nextSibling;
        box.append(node);
        if (node === to) break;
        node = next;
      }
    };
    wrap(lines[0]!, lines[head]!);
    wrap(lines[tail]!, lines[lines.length - 1]!);
    kept++;
  }
  return kept;
}
