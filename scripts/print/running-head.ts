import { LIMITS } from '../config/limits.js';

/**
 * A running head fits the top margin on one line: a title longer than a `short` may be (the
 * head when no `short` is given) is cut after its last whole word that fits, with an ellipsis.
 * A margin box does not wrap or clip: a 199-character title ran off both sides of the page.
 */
export function runningHead(text: string): string {
  if (text.length <= LIMITS.chapterShort) return text;
  const cut = text.slice(0, LIMITS.chapterShort - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > LIMITS.chapterShort / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** The custom property of the face the page margin boxes are set in (styles/print.css's folio, the running heads below). */
export const MARGIN_BOX_FAMILY = '--font-sans';

/** A chapter's running head: its named page, whose top margin box shows the (short) title. */
export function runningHeadRule(id: string, short: string): string {
  return `#${id} { page: ch-${id}; }\n@page ch-${id} { @top-center { content: ${cssString(runningHead(short))}; font-family: var(${MARGIN_BOX_FAMILY}); font-size: 8.5pt; color: var(--ink-soft); } }`;
}
