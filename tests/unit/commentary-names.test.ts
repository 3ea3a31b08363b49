import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { epubSections } from '../../scripts/epub/epub-sections.js';
import { bookUnits } from '../../scripts/print/units/book-units.js';
import { unitDocument } from '../../scripts/print/units/unit-document.js';
import { bookLinks } from '../../scripts/print/merge/cross-unit-links.js';
import { createSitePages } from '../../scripts/web/site-pages.js';
import type { AssembledBook } from '../../scripts/assemble/assemble-book.js';
import type { Brand } from '../../scripts/brand/brand.js';
import { makeFixtureBook } from '../helpers/fixture-book.js';
import { assembledFixture } from '../helpers/assembled-fixture.js';

const commentary = (name: string) => `\n:::commentary{name="${name}" role="Expert" affiliation="Test Press"}\nA commentary.\n:::\n`;

/** Each commentary of a tree: its label's id, its accessible name and its byline name's id. */
function commentaries(tree: Root | Element): Array<{ label: string; name: string; nameId: unknown }> {
  const text = new Map<string, string>();
  visit(tree, 'element', (el: Element) => {
    if (typeof el.properties.id === 'string') text.set(el.properties.id, toString(el).trim());
  });
  const found: Array<{ label: string; name: string; nameId: unknown }> = [];
  visit(tree, 'element', (aside: Element) => {
    if (aside.tagName !== 'aside' || !((aside.properties.className as string[] | undefined) ?? []).includes('commentary')) return;
    let label = '';
    let nameId: unknown;
    visit(aside, 'element', (el: Element) => {
      const cls = (el.properties.className as string[] | undefined) ?? [];
      if (cls.includes('commentary-label')) label = String(el.properties.id);
      if (cls.includes('byline-name')) nameId = el.properties.id;
    });
    const by = aside.properties.ariaLabelledBy as string[] | undefined;
    const name = typeof aside.properties.ariaLabel === 'string' ? aside.properties.ariaLabel : (by ?? []).map((id) => text.get(id)).join(' ');
    found.push({ label, name, nameId });
  });
  return found;
}

/**
 * One naming of the expert commentaries for every edition (assemble/name-commentaries.ts): the
 * fixture book with an expert quoted twice in a chapter and an expert quoted in two chapters.
 */
describe('the expert commentaries\' names', () => {
  let assembled: AssembledBook;
  let brand: Brand;
  beforeAll(async () => {
    const root = await makeFixtureBook({
      'manuscript/02-first-essay.md': (md) => md + commentary('Anna Nowak') + commentary('Marek Bryling'),
      'manuscript/03-survey.md': (md) => md + commentary('anna nowak'),
    });
    ({ assembled, brand } = await assembledFixture(root));
  });

  const bySection = () => new Map(assembled.sections.map((s) => [s.id, commentaries(s.element)]));

  it('names each by its label and its expert, and an expert\'s later ones in the book by their number', () => {
    const names = [...bySection().values()].flat().map((c) => c.name);
    expect(names).toEqual([
      'Expert commentary Marek Bryling', 'Expert commentary Anna Nowak', 'Expert commentary Marek Bryling, 2',
      'Expert commentary anna nowak, 2',
    ]);
    for (const c of [...bySection().values()].flat()) expect(c.nameId).toBe(`${c.label}--name`);
  });

  it('gives a commentary the same name and ids on its web page, in "read all", in the ePub and in print', () => {
    const expected = bySection();
    const pages = createSitePages(assembled, brand);
    const web = new Map(pages.plan.sections.map((p) => [p.section!.id, commentaries(fromHtml(pages.html(p.path)!))]));
    const all = commentaries(fromHtml(pages.html(pages.plan.all.path)!));
    const epub = new Map(epubSections(assembled).sections.map((s) => [s.id, commentaries(s.body)]));
    const units = bookUnits(assembled);
    const links = bookLinks(units.map((u) => ({ id: u.id, trees: u.sections.map((s) => s.element) })));
    // The print hyphenates the label's text; a soft hyphen is not read out.
    const unhyphenated = (boxes: ReturnType<typeof commentaries>) => boxes.map((c) => ({ ...c, name: c.name.replaceAll('\u00AD', '') }));
    const print = new Map(units.filter((u) => u.sections.length === 1).map((u) => [u.id, unhyphenated(commentaries(unitDocument(assembled, u, undefined, links)))]));
    for (const [id, boxes] of expected) {
      expect(web.get(id), `web page of ${id}`).toEqual(boxes);
      expect(epub.get(id), `ePub file of ${id}`).toEqual(boxes);
      expect(print.get(id), `print unit of ${id}`).toEqual(boxes);
    }
    expect(all).toEqual([...expected.values()].flat());
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});
