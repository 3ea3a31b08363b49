import { h } from 'hastscript';
import type { Element, Root } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';
import { hyphenatePrint } from './hyphenate-print.js';
import { breakLongUrls } from './url-breaks.js';
import { runningHead, runningHeadRule } from './running-head.js';

export { runningHead };

/**
 * The whole book as one HTML document for Chromium's print engine. Each chapter gets a
 * named page whose top margin box shows its short title (Chromium has no string-set).
 */
export function printDocument(assembled: AssembledBook, pages?: ReadonlyMap<string, number>): Root {
  const { book } = assembled;
  const toc = contentsElement(assembled.contents, { pages: pages ?? new Map(), href: (e) => `#${e.id}`, depth: 3 });
  const runningHeads = assembled.sections
    .filter((s) => s.kind !== 'part')
    .map((s) => runningHeadRule(s.id, s.short))
    .join('\n');
  const html = h('html', { lang: book.language }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', book.title),
      h('meta', { name: 'author', content: book.publisher }),
      h('meta', { name: 'description', content: book.description }),
      h('meta', { name: 'keywords', content: book.keywords.join(', ') }),
      h('link', { rel: 'stylesheet', href: 'book.css' }),
      h('style', runningHeads),
    ]),
    h('body.edition-print', [
      assembled.cover,
      ...assembled.sections.filter((s) => s.kind === 'front').map((s) => s.element),
      toc,
      h('main', rectoAfterParts(assembled.sections.filter((s) => s.kind !== 'front'))),
    ]),
  ]);
  // The print edition alone is hyphenated: on a copy, the ePub and web editions share the tree.
  const printed = structuredClone(html as Element);
  hyphenatePrint(printed);
  breakLongUrls(printed);
  return { type: 'root', children: [{ type: 'doctype' }, printed] };
}

/**
 * One rule for both parts: a part's divider is a right-hand page with a blank back, and what
 * follows it (an essay, or Part II's introduction) opens on the next right-hand page.
 */
function rectoAfterParts(sections: AssembledBook['sections']): Element[] {
  return sections.map((s, i) => {
    if (sections[i - 1]?.kind !== 'part' || s.element.properties.dataRecto) return s.element;
    return { ...s.element, properties: { ...s.element.properties, dataRecto: `${s.id}--title` } };
  });
}

