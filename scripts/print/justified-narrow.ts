import type { PreflightFinding } from './preflight.js';

/** A justified block measured in the print page: the ids around it (innermost first), what it is, its lines, and its width against the column's (CSS px). */
export interface JustifiedBlock {
  readonly ids: string[];
  readonly what: string;
  readonly lines: number;
  readonly width: number;
  readonly column: number;
}

/** A justified block narrower than this part of the text column opens gaps between its few words a line. */
export const MAX_NARROW_SHARE = 0.6;

/**
 * Runs inside the print page before printing (self-contained: no imports, no closures; no
 * inner named functions).
 *
 * Every block that sets its own text justified (a stat's caption, a table cell, a caption...),
 * with its content width and lines at the printed column's width (set by the caller: column-width.ts): the
 * blocks that hold text directly, not those that only pass `text-align` on to their inline
 * children. Its lines are those of its own text (not of a block inside it), told apart by their
 * boxes' tops.
 */
export function measureJustifiedBlocks(): JustifiedBlock[] {
  const column = parseFloat(getComputedStyle(document.body).width);
  const blocks: JustifiedBlock[] = [];
  for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
    const style = getComputedStyle(el);
    if (style.textAlign !== 'justify' || style.display === 'inline' || style.display === 'contents' || style.display === 'none') continue;
    if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ''))) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const width = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    const tops: number[] = [];
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      let own = true;
      for (let at = node.parentElement; at && at !== el; at = at.parentElement) if (getComputedStyle(at).display !== 'inline') own = false;
      if (!own) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top + r.height / 2);
    }
    tops.sort((a, b) => a - b);
    let lines = 0;
    let last = -Infinity;
    const lineHeight = parseFloat(style.fontSize);
    for (const middle of tops) {
      if (middle - last > lineHeight / 2) lines++;
      last = middle;
    }
    const ids: string[] = [];
    for (let at: HTMLElement | null = el; at; at = at.parentElement) if (at.id) ids.push(at.id);
    const classes = [...el.classList].map((c) => `.${c}`).join('');
    const parent = el.parentElement ? `${el.parentElement.tagName.toLowerCase()}${[...el.parentElement.classList].map((c) => `.${c}`).join('')} > ` : '';
    const text = (el.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
    blocks.push({ ids, what: `${parent}${el.tagName.toLowerCase()}${classes} "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`, lines, width, column });
  }
  return blocks;
}

/**
 * The justified-narrow findings: each justified block of two lines or more (a line alone is set
 * flush left all the same) narrower than `share` of the column, on the page of the nearest id
 * around it that has one (every block of a unit's sections has one, page-blocks.ts, and so has
 * each section).
 */
export function justifiedNarrow(blocks: readonly JustifiedBlock[], pageOf: ReadonlyMap<string, number>, share = MAX_NARROW_SHARE): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const b of blocks) {
    if (b.lines < 2 || b.width >= share * b.column) continue;
    const page = b.ids.map((id) => pageOf.get(id)).find((p) => p !== undefined);
    if (page === undefined) continue;
    findings.push({ page, kind: 'justified-narrow', message: `a narrow block is justified (${Math.round((100 * b.width) / b.column)}% of the column wide), so its few words a line stand apart: ${b.what}; set it ragged (text-align: left)` });
  }
  return findings;
}
