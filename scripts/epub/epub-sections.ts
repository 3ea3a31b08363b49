import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { EPUB_FILES } from '../chapters/edition-names.js';

export interface EpubSection {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly body: Element;
}

/** The structural semantics of each kind of section, as epub:type and the matching ARIA role. */
const SEMANTICS: Record<string, { type: string; role: string }> = {
  front: { type: 'acknowledgments', role: 'doc-acknowledgments' },
  part: { type: 'part', role: 'doc-part' },
  essay: { type: 'chapter', role: 'doc-chapter' },
  intro: { type: 'introduction', role: 'doc-introduction' },
  report: { type: 'chapter', role: 'doc-chapter' },
  back: { type: 'appendix', role: 'doc-appendix' },
};

/**
 * One XHTML file per chapter. Links to an id in another file are rewritten to point at that
 * file, and notes, commentaries and figures get their epub:type and ARIA role.
 */
export function epubSections(assembled: AssembledBook): { sections: EpubSection[]; fileOfId: Map<string, string> } {
  const sections = assembled.sections.map((s) => {
    const body = structuredClone(s.element);
    const sem = SEMANTICS[s.kind] ?? SEMANTICS.essay!;
    body.properties = { ...body.properties, 'epub:type': sem.type, role: sem.role };
    if (body.tagName === 'article') body.tagName = 'section';
    return { id: s.id, file: `${s.id}.xhtml`, title: s.title, body };
  });
  const fileOfId = new Map<string, string>();
  for (const s of sections) {
    visit(s.body, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') fileOfId.set(node.properties.id, s.file);
    });
  }
  for (const s of sections) {
    visit(s.body, 'element', (node: Element) => {
      addSemantics(node);
      const href = node.properties.href;
      if (typeof href === 'string' && href.startsWith('#')) {
        const file = fileOfId.get(href.slice(1));
        if (file && file !== s.file) node.properties.href = `${file}${href}`;
      }
    });
  }
  return { sections, fileOfId };
}

/** `file.xhtml#id` for an id anywhere in the book. */
export function hrefFor(fileOfId: ReadonlyMap<string, string>, id: string): string {
  const file = fileOfId.get(id);
  if (!file) throw new Error(`no ePub file holds the id "${id}"`);
  return `${file}#${id}`;
}

function addSemantics(node: Element): void {
  const cls = (node.properties.className as string[] | undefined) ?? [];
  if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) {
    node.properties['epub:type'] = 'footnotes';
    node.properties.role = 'doc-endnotes';
    footnoteAsides(node);
  }
  if (node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined) {
    node.properties['epub:type'] = 'noteref';
    node.properties.role = 'doc-noteref';
  }
  if (node.tagName === 'a' && node.properties.dataFootnoteBackref !== undefined) node.properties.role = 'doc-backlink';
  if (node.tagName === 'aside' && cls.includes('commentary')) node.properties['epub:type'] = 'sidebar';
  // Readers without <details> support still show the table; the summary is hidden by CSS.
  if (node.tagName === 'details') {
    node.tagName = 'div';
    node.children = node.children.filter((c) => !(c.type === 'element' && c.tagName === 'summary')) as ElementContent[];
  }
}

/**
 * Each note an `aside epub:type="footnote"` (role doc-footnote), the id its reference points at
 * moved onto it: what e-readers open in a pop-up from a noteref. The aside stays inside its list
 * item, so the numbered list and the blocks the page list counts (li, p) are the print's.
 */
function footnoteAsides(section: Element): void {
  visit(section, 'element', (li: Element) => {
    if (li.tagName !== 'li' || typeof li.properties.id !== 'string') return;
    const aside: Element = { type: 'element', tagName: 'aside', properties: { id: li.properties.id, 'epub:type': 'footnote', role: 'doc-footnote' }, children: li.children };
    delete li.properties.id;
    li.children = [aside];
    return 'skip';
  });
}

export function sectionDocument(lang: string, title: string, body: ElementContent[], bodyClass = 'edition-epub'): Element {
  return h('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang, 'xml:lang': lang }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', title), h('link', { rel: 'stylesheet', type: 'text/css', href: EPUB_FILES.css })]),
    h('body', { className: [bodyClass] }, body),
  ]);
}
