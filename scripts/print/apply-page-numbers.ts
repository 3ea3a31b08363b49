/**
 * Runs inside the print page between two passes (self-contained: no imports, no closures).
 *
 * 1. Openers marked `data-recto` must start on a right-hand (odd) page; Chromium treats
 *    `break-before: right` as `page`, so a blank page is added before those on an even page
 *    (or a blank that is no longer needed is removed).
 * 2. Each blank added or removed shifts everything after it by one page, so the page of
 *    every contents target is predicted from the last pass plus those shifts, and written
 *    into the contents. The next pass then only confirms the numbers.
 */
export function applyPageNumbers(entries: Array<[string, number]>): Array<[string, number]> {
  const byId = new Map(entries);
  const changes: Array<{ at: Element; delta: number }> = [];
  let shift = 0;
  for (const opener of document.querySelectorAll<HTMLElement>('[data-recto]')) {
    const n = byId.get(opener.dataset.recto!);
    if (n === undefined || (n + shift) % 2 === 1) continue;
    const blank = opener.previousElementSibling?.classList.contains('blank-page') ? opener.previousElementSibling : null;
    if (blank) blank.remove();
    else {
      const filler = document.createElement('div');
      filler.className = 'blank-page';
      filler.setAttribute('aria-hidden', 'true');
      opener.before(filler);
    }
    const delta = blank ? -1 : 1;
    shift += delta;
    changes.push({ at: opener, delta });
  }
  const predicted = new Map(byId);
  for (const [id, n] of byId) {
    const target = document.getElementById(id);
    if (!target) continue;
    const moved = changes
      .filter(({ at }) => at === target || at.contains(target) || Boolean(at.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING))
      .reduce((sum, c) => sum + c.delta, 0);
    predicted.set(id, n + moved);
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.toc-link')) {
    const span = link.querySelector('.toc-page');
    const n = predicted.get(decodeURIComponent(link.hash.slice(1)));
    if (span) span.textContent = n === undefined ? '' : String(n);
  }
  return [...predicted];
}
