import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import type { Survey } from '../survey/survey-model.js';
import { allMain } from './all-page.js';
import { chartCsv, csvPath } from './chart-csv.js';
import { bundleClientScripts } from './client-scripts.js';
import type { Download } from './downloads.js';
import { landingMain } from './landing-page.js';
import { pageDescription } from './page-description.js';
import { pagesOfIds, rewriteLinks } from './rewrite-links.js';
import { searchIndexJson } from './search-index.js';
import { searchMain } from './search-page.js';
import { sectionMain } from './section-page.js';
import { allPages, planSite, type WebPage } from './site-plan.js';
import { siteIconSvg, ICON } from './site-icon.js';
import { sitemapXml } from './sitemap.js';
import { visitOutsideSvg } from './visit-outside-svg.js';
import { FONT_DIR, STYLESHEET, webDocument, type PageInput } from './web-document.js';

export interface WebEditionInput {
  readonly root: string;
  /** The edition's folder, `<stage>/web`; the PDF and ePub are linked beside it as `../<name>.pdf`. */
  readonly dir: string;
  readonly assembled: AssembledBook;
  readonly survey: Survey;
}

export interface WebEdition {
  /** Writes the landing page, whose download box shows the sizes of the files it is given. */
  writeLanding(downloads: readonly Download[]): Promise<{ path: string; bytes: number }>;
}

/**
 * Writes the web edition except its landing page: one page per section, "read all", search,
 * the charts' CSV files, sitemap.xml and the assets. The landing page comes last, when the
 * sizes of the PDF and ePub built alongside are known.
 */
export async function writeWebEdition(input: WebEditionInput): Promise<WebEdition> {
  const { root, dir, assembled, survey } = input;
  const { book } = assembled;
  const plan = planSite(assembled);
  const footerLinks = [{ href: `../${book.output}.pdf`, label: 'PDF' }, { href: `../${book.output}.epub`, label: 'ePub' }];
  const render = (page: WebPage, main: Element, extra: Partial<PageInput> = {}) => toHtml(webDocument({
    book, plan, page, title: page.title, description: book.description, ogType: 'article', main: [main], downloads: footerLinks,
    scripts: hasCharts(main) ? ['assets/charts.js'] : [], ...extra,
  }), { allowDangerousHtml: true });

  const sections = plan.sections.map((page) => ({ page, main: sectionMain(plan, page) }));
  const pageOf = pagesOfIds(sections.map((s) => ({ path: s.page.path, tree: s.main })));
  for (const s of sections) rewriteLinks(s.main, s.page.path, pageOf);

  const files = new Map<string, string>();
  for (const { page, main } of sections) files.set(page.path, render(page, main, { description: pageDescription(page, book.description) }));
  files.set(plan.all.path, render(plan.all, allMain(assembled, plan)));
  const index = searchIndexJson(sections.map((s) => ({ path: s.page.path, chapter: s.page.title, element: s.main })));
  files.set(plan.search.path, render(plan.search, searchMain(plan, index), {
    title: 'Search', ogType: 'website', scripts: ['assets/search.js'], description: `Search ${book.title}: every chapter and report section.`,
  }));
  for (const id of chartsIn(sections.map((s) => s.main))) files.set(csvPath(id), chartCsv(survey.questions.get(id)!));
  files.set('sitemap.xml', sitemapXml(allPages(plan), book.modified));
  for (const [name, code] of await bundleClientScripts()) files.set(`assets/${name}`, code);
  files.set(STYLESHEET, await editionStylesheet(root, 'screen', 'fonts'));
  files.set(ICON, siteIconSvg());

  await copyFonts(join(dir, FONT_DIR));
  await writeFiles(dir, files);
  return {
    async writeLanding(downloads) {
      const html = toHtml(webDocument({
        book, plan, page: plan.landing, title: book.title, description: book.description, ogType: 'website',
        main: [landingMain(assembled, plan, downloads)], downloads: footerLinks,
      }), { allowDangerousHtml: true });
      await writeFiles(dir, new Map([[plan.landing.path, html]]));
      return { path: plan.landing.path, bytes: Buffer.byteLength(html) };
    },
  };
}

function hasCharts(tree: Element): boolean {
  return chartsIn([tree]).length > 0;
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

async function writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((p) => dirname(join(dir, p))));
  await Promise.all([...folders].map((f) => mkdir(f, { recursive: true })));
  await Promise.all([...files].map(([path, text]) => writeFile(join(dir, path), text)));
}
