/**
 * Runs inside the print page before printing (self-contained: no imports, no closures).
 *
 * A soft hyphen where no line breaks still travels into the PDF's text, where it splits the
 * word for search, copy and screen readers ("soft\u00adware"). With the body at the width of the
 * printed text column (the caller sets it: column-width.ts), each soft hyphen is kept only where its word does break across lines;
 * removing the others changes no line (they were break opportunities nobody took).
 * Returns [kept, dropped].
 */
export function dropUnusedHyphens(): [number, number] {
  const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  // A paragraph the line breaker set (typeset/) keeps only the soft hyphens its lines break at.
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes('\u00ad') && !n.parentElement?.closest('[data-typeset]')) nodes.push(n as Text);
  // No helper functions here: the bundler would wrap them in a name helper the page lacks.
  const range = document.createRange();
  const tops: number[] = [];
  let kept = 0;
  let dropped = 0;
  const edits: Array<[Text, string]> = [];
  for (const node of nodes) {
    const text = node.data;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c !== '\u00ad') { out += c; continue; }
      tops.length = 0;
      for (const at of [i - 1, i + 1]) {
        if (at < 0 || at >= text.length) { tops.push(NaN); continue; }
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        // A range at the start of a line also reports an empty box at the end of the line before.
        const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
        tops.push(boxes.length > 0 ? boxes[boxes.length - 1]!.top : NaN);
      }
      if (tops[1]! > tops[0]! + 1) { out += c; kept++; } else dropped++;
    }
    edits.push([node, out]);
  }
  // Measured first, changed after: an edit would move the lines measured after it.
  for (const [node, out] of edits) node.data = out;
  return [kept, dropped];
}
