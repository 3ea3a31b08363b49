import { h } from 'hastscript';
import type { Element, Root } from 'hast';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { contentsElement } from '../assemble/contents-element.js';

/** The web edition's single page: cover, contents and every chapter, readable from disk. */
export function webDocument(assembled: AssembledBook, downloads: ReadonlyArray<{ href: string; label: string }>): Root {
  const { book } = assembled;
  const html = h('html', { lang: book.language }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', book.subtitle ? `${book.title}: ${book.subtitle}` : book.title),
      h('meta', { name: 'description', content: book.description }),
      h('meta', { name: 'color-scheme', content: 'light' }),
      h('link', { rel: 'stylesheet', href: 'assets/book.css' }),
    ]),
    h('body.edition-screen', [
      h('a.skip-link', { href: '#main' }, 'Skip to the report'),
      h('header', { role: 'banner' }, assembled.cover),
      h('main', { id: 'main' }, [
        downloads.length > 0
          ? h('p.downloads', ['Download: ', ...downloads.flatMap((d, i) => [i > 0 ? ' · ' : '', h('a', { href: d.href }, d.label)])])
          : null,
        contentsElement(assembled.contents, { href: (e) => `#${e.id}`, depth: 3 }),
        ...assembled.sections.map((s) => s.element),
      ].filter((x) => x !== null) as Element[]),
    ]),
  ]);
  return { type: 'root', children: [{ type: 'doctype' }, html as Element] };
}
