import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { checkPageIds } from './check-page-ids.js';
import { WEB_NAMES } from '../chapters/edition-names.js';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { allMain } from './all-page.js';
import { downloadPaths, type Download } from './downloads.js';
import { landingMain } from './landing-page.js';
import { pageDescription } from './page-description.js';
import { pagesOfIds, rewriteLinks } from './rewrite-links.js';
import { searchIndexJson } from './search-index.js';
import { searchMain } from './search-page.js';
import { sectionMain } from './section-page.js';
import { planSite, type SitePlan, type WebPage } from './site-plan.js';
import { ogCards, ogImagePath, type OgCard } from './og-card.js';
import { visitOutsideSvg } from './visit-outside-svg.js';
import { webDocument, type PageInput } from './web-document.js';
import { readBrandTokens } from '../assets/brand-tokens.js';
import type { PageStart } from '../output/page-starts.js';

/**
 * The web edition's HTML pages, each made when first asked for. `build` asks for all of them;
 * the dev server asks first for the pages open in a browser, so a saved edit shows before the
 * rest of the site is written.
 */
export interface SitePages {
  readonly plan: SitePlan;
  /** The page at a site path (`part-2/python-now/index.html`), or undefined when none is there. */
  html(path: string): string | undefined;
  /** The question id of every chart on the section pages, in reading order, once each. */
  chartIds(): string[];
  /** The landing page, whose download box shows the sizes of the files it is given. */
  landing(downloads: readonly Download[]): string;
  /** The sharing image of every page (the landing's also stands for "read all" and search). */
  readonly cards: readonly OgCard[];
}

/** `pageStarts`: where each print page starts (from the final print), for the pages' print page anchors; none without a PDF. */
export function createSitePages(assembled: AssembledBook, pageStarts: readonly PageStart[] = []): SitePages {
  const { book } = assembled;
  const plan = planSite(assembled);
  // Which page holds each id, from the sections as assembled: ids are the same on the pages.
  const pageOf = pagesOfIds(plan.sections.map((page) => ({ path: page.path, tree: page.section!.element })));
  const files = downloadPaths(book.output);
  const footerLinks = [{ href: files.pdf, label: 'PDF' }, { href: files.epub, label: 'ePub' }];
  const cards = ogCards(plan, book);
  const themeColour = readBrandTokens(book.root).colour('brand-deep');
  const cardOf = new Map(cards.map((c) => [c.path, c]));
  const ogImage = (page: WebPage) => {
    const card = cardOf.get(ogImagePath(page)) ?? cards[0]!;
    return { path: card.path, alt: card.alt };
  };
  const render = (page: WebPage, main: Element, extra: Partial<PageInput> = {}) => checkedHtml(webDocument({
    book, plan, page, title: page.title, description: book.description, ogType: 'article', main: [main], downloads: footerLinks,
    scripts: chartsIn([main]).length > 0 ? [`${WEB_NAMES.assets}/charts.js`] : [], ogImage: ogImage(page), themeColour, ...extra,
  }), page.path);

  const mains = new Map<string, Element>();
  const mainOf = (page: WebPage): Element => {
    let main = mains.get(page.path);
    if (!main) {
      main = sectionMain(plan, page, pageStarts);
      rewriteLinks(main, page.path, pageOf);
      mains.set(page.path, main);
    }
    return main;
  };
  const sectionByPath = new Map(plan.sections.map((page) => [page.path, page]));

  const made = new Map<string, string>();
  const make = (path: string): string | undefined => {
    const section = sectionByPath.get(path);
    if (section) return render(section, mainOf(section), { description: pageDescription(section, book.description) });
    if (path === plan.all.path) return render(plan.all, allMain(assembled, plan, pageStarts));
    if (path === plan.search.path) {
      const index = searchIndexJson(plan.sections.map((page) => ({ path: page.path, chapter: page.title, element: mainOf(page) })));
      return render(plan.search, searchMain(plan, index), {
        title: 'Search', ogType: 'website', scripts: [`${WEB_NAMES.assets}/search.js`], description: `Search ${book.title}: every chapter and report section.`,
      });
    }
    return undefined;
  };

  return {
    plan,
    cards,
    html(path) {
      if (!made.has(path)) {
        const html = make(path);
        if (html === undefined) return undefined;
        made.set(path, html);
      }
      return made.get(path);
    },
    chartIds: () => chartsIn(plan.sections.map(mainOf)),
    landing: (downloads) => checkedHtml(webDocument({
      book, plan, page: plan.landing, title: book.title, description: book.description, ogType: 'website',
      main: [landingMain(assembled, plan, downloads, pageStarts)], downloads: footerLinks, ogImage: ogImage(plan.landing), themeColour,
    }), plan.landing.path),
  };
}

/** A page's HTML, once its ids are known to be unique. */
function checkedHtml(tree: Root, path: string): string {
  checkPageIds(tree, path);
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
