import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { addPageIds, checkPageIds } from './check-page-ids.js';
import { WEB_NAMES } from '../chapters/edition-names.js';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { ALL_SECTIONS, allFrame, allSection } from './all-page.js';
import { downloadPaths, type Download } from './downloads.js';
import { landingMain } from './landing-page.js';
import { pageDescription } from './page-description.js';
import { pagesOfIds, rewriteLinks } from './rewrite-links.js';
import { documentsOf, searchIndexOf, type PageDocuments } from './search-index.js';
import { searchMain } from './search-page.js';
import { sectionMain } from './section-page.js';
import { planSite, type SitePlan, type WebPage } from './site-plan.js';
import { ogCards, ogImagePath, type OgCard } from './og-card.js';
import { visitOutsideSvg } from '../assemble/visit-outside-svg.js';
import { preloadedFaces, webDocument, type PageInput } from './web-document.js';
import type { Brand } from '../brand/brand.js';
import { fillPageAnchors } from './page-anchors.js';
import type { PageStart } from '../output/page-starts.js';
import { contentHash } from '../cache/content-hash.js';

/**
 * A page as made before the print has settled where its pages start: its HTML with a slot
 * wherever a print page's anchor may go (page-anchors.ts), how many, and the ids of the trees
 * they are in. The web build keeps these in its cache (cached-pages.ts).
 */
export interface PageTemplate {
  readonly html: string;
  readonly slots: number;
  readonly roots: readonly string[];
}

/** One section as "read all" has it (all-page.ts), serialised, with what the page needs from it. */
export interface AllPiece {
  readonly html: string;
  readonly slots: number;
  /** The charts it holds, its ids (without case). */
  readonly charts: readonly string[];
  readonly ids: readonly string[];
}

/**
 * The web edition's HTML pages, each made when first asked for. `build` asks for all of them;
 * the dev server asks first for the pages open in a browser, so a saved edit shows before the
 * rest of the site is written.
 */
export interface SitePages {
  readonly plan: SitePlan;
  /** The page at a site path (`part-2/python-now/index.html`) without print page anchors, or undefined when none is there. */
  html(path: string): string | undefined;
  /** A section's page or "read all", with its anchor slots; the search page, whose index this makes from every page. */
  template(path: string): PageTemplate | undefined;
  /** A section as "read all" has it; and what it is made from. */
  allPiece(path: string): AllPiece;
  allPieceInputs(path: string): string;
  /** "Read all" from its sections' pieces, in reading order. */
  allPage(pieces: readonly AllPiece[]): PageTemplate;
  /** The search documents of a section's page. */
  documents(path: string): PageDocuments;
  /** The search page for an index (search-index.ts) made from every section page's documents. */
  searchPage(indexJson: string): string;
  /**
   * Everything a page is made from but the pipeline's code, as one text to hash (section pages;
   * "read all"'s frame; the search page's is its index's with `searchInputs`): the cache key's.
   */
  inputsOf(path: string): string | undefined;
  searchInputs(indexJson: string): string;
  /** The question id of every chart on a section's page, in reading order, once each. */
  chartsOf(path: string): string[];
  /** The landing page, whose download box shows the sizes of the files it is given. */
  landing(downloads: readonly Download[], pageStarts?: readonly PageStart[]): string;
  /** The sharing image of every page (the landing's also stands for "read all" and search). */
  readonly cards: readonly OgCard[];
}

export function createSitePages(assembled: AssembledBook, brand: Brand): SitePages {
  const { book } = assembled;
  const plan = planSite(assembled);
  // Which page holds each id, from the sections as assembled: ids are the same on the pages.
  const pageOf = pagesOfIds(plan.sections.map((page) => ({ path: page.path, tree: page.section!.element })));
  const files = downloadPaths(book.output);
  const footerLinks = [{ href: files.pdf, label: 'PDF' }, { href: files.epub, label: 'ePub' }];
  const cards = ogCards(plan, book);
  const themeColour = brand.tokens.colour('brand-deep');
  const preloads = preloadedFaces(brand.fonts).map((f) => f.file);
  const cardOf = new Map(cards.map((c) => [c.path, c]));
  const ogImage = (page: WebPage) => {
    const card = cardOf.get(ogImagePath(page)) ?? cards[0]!;
    return { path: card.path, alt: card.alt };
  };
  const render = (page: WebPage, main: Element, extra: Partial<PageInput> = {}, ids?: Set<string>) => checkedHtml(webDocument({
    book, plan, page, title: page.title, description: book.description, ogType: 'article', main: [main], downloads: footerLinks,
    scripts: chartsIn([main]).length > 0 ? [`${WEB_NAMES.assets}/charts.js`] : [], ogImage: ogImage(page), themeColour, preloads, ...extra,
  }), page.path, ids);

  const mains = new Map<string, { main: Element; slots: number }>();
  const mainOf = (page: WebPage) => {
    let made = mains.get(page.path);
    if (!made) {
      made = sectionMain(plan, page);
      rewriteLinks(made.main, page.path, pageOf);
      mains.set(page.path, made);
    }
    return made;
  };
  const sectionByPath = new Map(plan.sections.map((page) => [page.path, page]));
  const documents = (page: WebPage) => documentsOf(page.path, page.title, mainOf(page).main);
  const searchPage = (indexJson: string) => render(plan.search, searchMain(plan, indexJson), {
    title: 'Search', ogType: 'website', scripts: [`${WEB_NAMES.assets}/search.js`], description: `Search ${book.title}: every chapter and report section.`,
  });

  const allPiece = (path: string): AllPiece => {
    const { element, slots } = allSection(sectionByPath.get(path)!.section!, plan);
    const ids = checkPageIds(element, plan.all.path);
    return { html: toHtml(element, { allowDangerousHtml: true }), slots, charts: chartsIn([element]), ids: [...ids] };
  };
  const allPage = (pieces: readonly AllPiece[]): PageTemplate => {
    const { main, slots } = allFrame(assembled);
    const ids = new Set<string>();
    for (const piece of pieces) addPageIds(ids, piece.ids, plan.all.path);
    const frame = render(plan.all, main, { scripts: pieces.some((p) => p.charts.length > 0) ? [`${WEB_NAMES.assets}/charts.js`] : [] }, ids);
    const at = frame.indexOf(ALL_SECTIONS);
    if (at < 0 || frame.indexOf(ALL_SECTIONS, at + 1) >= 0) throw new Error('internal error: "read all" lost the place of its sections');
    return {
      html: frame.slice(0, at) + pieces.map((p) => p.html).join('') + frame.slice(at + ALL_SECTIONS.length),
      slots: slots + pieces.reduce((n, p) => n + p.slots, 0),
      roots: [...plan.sections.map((p) => p.id), 'contents'],
    };
  };
  /** The pieces of "read all" in reading order. */
  const allPieces = (): AllPiece[] => plan.sections.map((page) => allPiece(page.path));

  const made = new Map<string, PageTemplate>();
  const make = (path: string): PageTemplate | undefined => {
    const section = sectionByPath.get(path);
    if (section) {
      const { main, slots } = mainOf(section);
      return { html: render(section, main, { description: pageDescription(section, book.description) }), slots, roots: [section.id] };
    }
    if (path === plan.all.path) return allPage(allPieces());
    if (path === plan.search.path) return { html: searchPage(searchIndexOf(plan.sections.map(documents))), slots: 0, roots: [] };
    return undefined;
  };
  const template = (path: string) => {
    if (!made.has(path)) {
      const page = make(path);
      if (page === undefined) return undefined;
      made.set(path, page);
    }
    return made.get(path);
  };

  // What every page shares: the book's settings, the site's own pages, the theme.
  const site = JSON.stringify({ book, themeColour, preloads, footerLinks, landing: plan.landing, all: plan.all, search: plan.search });
  const elementHashes = new Map<string, string>();
  const elementHash = (page: WebPage) => {
    let hash = elementHashes.get(page.path);
    if (hash === undefined) elementHashes.set(page.path, hash = contentHash(JSON.stringify(page.section!.element)));
    return hash;
  };
  const order = [plan.landing, ...plan.sections];
  const brief = (page: WebPage | undefined) => page && { kind: page.kind, path: page.path, title: page.title };
  const sectionInputs = (page: WebPage): string => {
    const { element: _element, ...section } = page.section!;
    const at = order.indexOf(page);
    // The links that may point to another page: where each of their ids lives.
    const links: Array<[string, string | undefined]> = [];
    visitOutsideSvg(page.section!.element, (node) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) links.push([href, pageOf.get(decodeURIComponent(href.slice(1)))]);
    });
    const partPage = page.part ? plan.sections.find((p) => p.id === page.part!.id) : undefined;
    const chapters = (page.entry?.children ?? []).map((e) => [e.chapter, plan.sections.find((p) => p.id === e.chapter)?.path]);
    return JSON.stringify({
      site, page: { ...page, section }, element: elementHash(page), card: ogImage(page), links, part: partPage?.path, chapters,
      previous: brief(order[at - 1]), next: brief(order[at + 1]),
    });
  };

  return {
    plan,
    cards,
    html(path) {
      const page = template(path);
      return page && fillPageAnchors(page.html, page.slots, new Set(page.roots), []);
    },
    template,
    allPiece,
    allPieceInputs: (path) => JSON.stringify({ site, element: elementHash(sectionByPath.get(path)!), id: sectionByPath.get(path)!.id }),
    allPage,
    documents: (path) => documents(sectionByPath.get(path)!),
    searchPage,
    inputsOf(path) {
      const section = sectionByPath.get(path);
      if (section) return sectionInputs(section);
      return undefined;
    },
    searchInputs: (indexJson) => JSON.stringify({ site, card: ogImage(plan.search), index: contentHash(indexJson) }),
    chartsOf: (path) => chartsIn([mainOf(sectionByPath.get(path)!).main]),
    landing: (downloads, pageStarts = []) => checkedHtml(webDocument({
      book, plan, page: plan.landing, title: book.title, description: book.description, ogType: 'website',
      main: [landingMain(assembled, plan, downloads, pageStarts)], downloads: footerLinks, ogImage: ogImage(plan.landing), themeColour, preloads,
    }), plan.landing.path),
  };
}

/** A page's HTML, once its ids are known to be unique (`ids`: those of its parts serialised apart). */
function checkedHtml(tree: Root, path: string, ids?: Set<string>): string {
  checkPageIds(tree, path, ids);
  return toHtml(tree, { allowDangerousHtml: true });
}

/** The question id of every chart figure in the trees, in order, once each. */
function chartsIn(trees: readonly Element[]): string[] {
  const ids = new Set<string>();
  for (const tree of trees) {
    visitOutsideSvg(tree, (node) => {
      if (node.tagName === 'figure' && typeof node.properties.dataQuestion === 'string') ids.add(node.properties.dataQuestion);
    });
  }
  return [...ids];
}
