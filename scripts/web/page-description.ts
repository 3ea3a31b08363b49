
import { toString } from 'hast-util-to-string';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import type { WebPage } from './site-plan.js';

const LIMIT = 160;

/**
 * The meta description of a section's page: its subtitle with its first paragraph, or for a
 * part opener the chapters it holds; cut at a word near 160 characters, as search results show.
 */
export function pageDescription(page: WebPage, fallback: string): string {
  const section = page.section;
  if (!section) return fallback;
  if (section.kind === 'part' && page.entry) {
    return clip(`${page.entry.label ?? 'Part'} of the report, ${section.title}: ${page.entry.children.map((c) => c.title).join('; ')}.`);
  }
  let subtitle = '';
  let first = '';
  visitOutsideSvg(section.element, (node) => {
    const cls = (node.properties.className as string[] | undefined) ?? [];
    if (!subtitle && cls.includes('chapter-subtitle')) subtitle = toString(node).trim();
    if (!first && node.tagName === 'p' && !cls.some((c) => c.startsWith('chapter-') || c.startsWith('part-'))) first = toString(node).trim();
  });
  const text = [subtitle && `${subtitle}.`, first].filter(Boolean).join(' ');
  return text ? clip(text) : fallback;
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  if (t.length <= LIMIT) return t;
  const cut = t.lastIndexOf(' ', LIMIT - 1);
  return `${t.slice(0, cut > 0 ? cut : LIMIT - 1).replace(/[,;:]$/, '')}…`;
}
