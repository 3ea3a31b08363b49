/**
 * The names the editions give their own files and folders, beside the chapters' (issue 21,
 * class 2). A chapter's id names its web page's folder (`<id>/index.html`), its sharing image
 * (`og/<id>.png`) and its ePub file (`<id>.xhtml`): a chapter named like one of these would
 * replace that page, or give the ePub two files of one name. The web site plan, the web writer and
 * the ePub take their names from here, and load-chapters.ts refuses a chapter id that is one of
 * them, so a new page name cannot be forgotten by the check.
 */

/** The survey appendix: a section of every edition, after the chapters. */
export const SURVEY_APPENDIX_ID = 'survey-data';

/** What the web edition writes at its root, besides the sections' folders. */
export const WEB_NAMES = {
  /** The landing page, `index.html` (its sharing card is `og/index.png`). */
  landing: 'index',
  /** "Read all", `all/index.html`. */
  all: 'all',
  /** The search page, `search/index.html`. */
  search: 'search',
  /** The charts' CSV files, `data/<question>.csv`. */
  data: 'data',
  /** The PDF and the ePub, `downloads/`. */
  downloads: 'downloads',
  /** The sharing images, `og/<page>.png`. */
  og: 'og',
  /** Style sheet, fonts, scripts, icon: `assets/`. */
  assets: 'assets',
  /** `sitemap.xml`, when the book names its site. */
  sitemap: 'sitemap',
} as const;

/** What the ePub writes beside the chapters' `<id>.xhtml` (in OEBPS/). */
export const EPUB_NAMES = {
  /** `cover.xhtml` and its image `cover.png`. */
  cover: 'cover',
  /** The navigation document `toc.xhtml` and the NCX `toc.ncx`. */
  nav: 'toc',
  /** `style.css`. */
  css: 'style',
  /** The package document `content.opf`. */
  package: 'content',
  /** `fonts/`. */
  fonts: 'fonts',
  /** The charts' images, `charts/<question>.png`. */
  charts: 'charts',
} as const;

/** The ePub's own files, named from EPUB_NAMES (paths inside OEBPS/). */
export const EPUB_FILES = {
  cover: `${EPUB_NAMES.cover}.xhtml`,
  coverImage: `${EPUB_NAMES.cover}.png`,
  nav: `${EPUB_NAMES.nav}.xhtml`,
  ncx: `${EPUB_NAMES.nav}.ncx`,
  css: `${EPUB_NAMES.css}.css`,
  package: `${EPUB_NAMES.package}.opf`,
  fonts: EPUB_NAMES.fonts,
} as const;

/** What each name is, for the hint: a name added above without one does not compile. */
const WEB_WHAT: Record<keyof typeof WEB_NAMES, string> = {
  landing: 'the web landing page and its sharing card', all: 'the web "Read all" page', search: 'the web search page',
  data: "the web edition's chart data", downloads: "the web edition's downloads", og: "the web edition's sharing images",
  assets: "the web edition's assets", sitemap: "the web edition's sitemap",
};
const EPUB_WHAT: Record<keyof typeof EPUB_NAMES, string> = {
  cover: "the ePub's cover", nav: "the ePub's contents (nav and NCX)", css: "the ePub's style sheet",
  package: "the ePub's package document", fonts: "the ePub's fonts", charts: "the ePub's chart images",
};

/** Every reserved name with what it is, for the check and its hint. */
export const RESERVED_NAMES: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>([[SURVEY_APPENDIX_ID, 'the survey appendix']]);
  const add = (name: string, what: string) => names.set(name, names.has(name) ? `${names.get(name)} and ${what}` : what);
  for (const [key, name] of Object.entries(WEB_NAMES)) add(name, WEB_WHAT[key as keyof typeof WEB_NAMES]);
  for (const [key, name] of Object.entries(EPUB_NAMES)) add(name, EPUB_WHAT[key as keyof typeof EPUB_NAMES]);
  return names;
})();

/** What a chapter id is reserved for, if it is (compared without case: `All` and `all` are one file on macOS and Windows). */
export function reservedFor(id: string): string | undefined {
  return RESERVED_NAMES.get(id.toLowerCase());
}
