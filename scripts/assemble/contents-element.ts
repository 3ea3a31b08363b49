import { h } from 'hastscript';
import type { Element } from 'hast';
import type { ContentsEntry } from './contents-model.js';
import { PAGE_IDS } from './page-ids.js';

export interface ContentsOptions {
  /** Page of each target id, from the printed body (print/units/); absent on screen. */
  readonly pages?: ReadonlyMap<string, number>;
  /** Builds the link to an entry (one page in print, a chapter page on the web). */
  readonly href: (entry: ContentsEntry) => string;
  /** Deepest level listed. */
  readonly depth: 1 | 2 | 3;
}

/** The contents as a nav of nested lists, each entry a link, with page numbers in print. */
export function contentsElement(entries: readonly ContentsEntry[], options: ContentsOptions): Element {
  return h('nav.toc', { id: PAGE_IDS.contents, ariaLabelledBy: [PAGE_IDS.contentsTitle] }, [
    h('h1.toc-title', { id: PAGE_IDS.contentsTitle }, 'Contents'),
    list(entries, options),
  ]);
}

function list(entries: readonly ContentsEntry[], options: ContentsOptions): Element {
  return h('ol.toc-list', entries.filter((e) => e.level <= options.depth).map((e) => {
    const page = options.pages?.get(e.id);
    return h(`li.toc-entry.toc-level-${e.level}`, [
      h('a.toc-link', { href: options.href(e) }, [
        h('span.toc-text', [
          e.label && e.level === 1 ? h('span.toc-label', `${e.label}: `) : null,
          e.title,
          e.byline ? h('span.toc-byline', ` — ${e.byline}`) : null,
        ].filter((x) => x !== null) as never),
        options.pages ? h('span.toc-page', page === undefined ? '' : String(page)) : null,
      ].filter((x) => x !== null) as never),
      e.children.length > 0 && options.depth > e.level ? list(e.children, options) : null,
    ].filter((x) => x !== null) as never);
  }));
}
