import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import type { BookConfig } from '../config/load-book.js';
import type { BrandFaces, FontFace } from '../fonts/font-files.js';
import { absoluteUrl, relativeHref, type SitePlan, type WebPage } from './site-plan.js';
import { ICON } from './site-icon.js';
import { OG_HEIGHT, OG_WIDTH } from './og-card.js';
import { CHART_SCALE } from '../render/raster-image.js';
import { WEB_NAMES } from '../chapters/edition-names.js';
import { PAGE_IDS } from '../assemble/page-ids.js';

export const STYLESHEET = `${WEB_NAMES.assets}/book.css`;
export const FONT_DIR = `${WEB_NAMES.assets}/fonts`;

/**
 * The faces of every page's first screen: the text face and its bold (the reports' figures are
 * bold in the prose), the UI's and the headings' (the sans). A face that arrives after the first
 * layout rewraps lines and shifts the page; these are the ones that did.
 */
export function preloadedFaces(fonts: BrandFaces): FontFace[] {
  const first = new Set([fonts.families.text, fonts.families.sans]);
  return fonts.faces.filter((f) => f.subset === 'latin' && f.style === 'normal' && first.has(f.family) && (f.weight === 400 || f.weight === 700));
}

export interface PageInput {
  readonly book: BookConfig;
  readonly plan: SitePlan;
  readonly page: WebPage;
  /** The document title, without the book's name (added here). */
  readonly title: string;
  readonly description: string;
  readonly ogType: 'website' | 'article';
  readonly main: readonly ElementContent[];
  /** Site files the page runs, e.g. `assets/charts.js`; none when the page needs none. */
  readonly scripts?: readonly string[];
  /** The PDF and ePub, for the footer. */
  readonly downloads: ReadonlyArray<{ readonly href: string; readonly label: string }>;
  /** The font files the page preloads (preloadedFaces). */
  readonly preloads: readonly string[];
  /** The browser's theme colour: the brand's deep blue (tokens.css). */
  readonly themeColour: string;
  /** The page's sharing image (1200 × 630 PNG), a site path, with its text alternative. */
  readonly ogImage?: { readonly path: string; readonly alt: string };
}

/**
 * Every page's frame: head (title, description, canonical, Open Graph, preloaded fonts),
 * a skip link, the site's header with its navigation, the page's main content and a footer.
 * All links are relative to the page, so the site opens from disk as from a server.
 */
export function webDocument(input: PageInput): Root {
  const { book, plan, page } = input;
  const to = (path: string, fragment?: string) => relativeHref(page.path, path, fragment);
  const fullTitle = page.kind === 'landing' ? `${book.title}: ${book.subtitle ?? book.description}` : `${input.title} · ${book.title}`;
  const head = h('head', [
    h('meta', { charset: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', fullTitle),
    h('meta', { name: 'description', content: input.description }),
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    h('meta', { name: 'theme-color', content: input.themeColour }),
    // Canonical URLs, og:url, og:image and the sitemap must be absolute (a relative canonical
    // costs the page in search engines and Lighthouse): without book.yaml's `site` they are left out.
    ...(book.site ? [
      h('link', { rel: 'canonical', href: absoluteUrl(book.site, page.path)! }),
      h('meta', { property: 'og:url', content: absoluteUrl(book.site, page.path)! }),
    ] : []),
    h('meta', { property: 'og:type', content: input.ogType }),
    h('meta', { property: 'og:site_name', content: book.title }),
    h('meta', { property: 'og:title', content: page.kind === 'landing' ? book.title : input.title }),
    h('meta', { property: 'og:description', content: input.description }),
    h('meta', { property: 'og:locale', content: book.language.replace('-', '_') }),
    ...(input.ogImage && book.site ? [
      h('meta', { property: 'og:image', content: absoluteUrl(book.site, input.ogImage.path)! }),
      h('meta', { property: 'og:image:type', content: 'image/png' }),
      h('meta', { property: 'og:image:width', content: String(OG_WIDTH * CHART_SCALE) }),
      h('meta', { property: 'og:image:height', content: String(OG_HEIGHT * CHART_SCALE) }),
      h('meta', { property: 'og:image:alt', content: input.ogImage.alt }),
      h('meta', { name: 'twitter:card', content: 'summary_large_image' }),
    ] : []),
    fontPreloads(input.preloads.map((file) => to(`${FONT_DIR}/${file}`))),
    h('link', { rel: 'stylesheet', href: to(STYLESHEET) }),
    h('link', { rel: 'icon', type: 'image/svg+xml', href: to(ICON) }),
    ...(book.site ? [h('link', { rel: 'sitemap', type: 'application/xml', href: to('sitemap.xml') })] : []),
    ...(input.scripts ?? []).map((src) => h('script', { src: to(src), defer: true })),
  ]);
  const current = (kind: WebPage['kind']) => (page.kind === kind ? { ariaCurrent: 'page' } : {});
  const header = h('header.site-header', [
    h('div.site-bar', [
      h('a.site-title', { href: to(plan.landing.path) }, book.title),
      h('nav.site-nav', { ariaLabel: 'Site' }, h('ul', [
        h('li', h('a', { href: to(plan.landing.path, 'contents'), ...current('landing') }, 'Contents')),
        h('li', h('a', { href: to(plan.all.path), ...current('all') }, 'Read all')),
        h('li', h('a', { href: to(plan.search.path), ...current('search') }, 'Search')),
      ])),
    ]),
  ]);
  const footer = h('footer.site-footer', [
    h('p', [
      `${book.title} · © ${book.year} ${book.publisher}`,
      ...input.downloads.flatMap((d) => [' · ', h('a', { href: to(d.href) }, d.label)]),
    ]),
  ]);
  const html = h('html', { lang: book.language, className: ['edition-screen'] }, [
    head,
    h('body', { className: ['edition-screen', `page-${page.kind}`] }, [
      h('a.skip-link', { href: `#${PAGE_IDS.main}` }, 'Skip to the content'),
      header,
      h('main', { id: PAGE_IDS.main }, input.main as ElementContent[]),
      footer,
    ]),
  ]);
  return { type: 'root', children: [{ type: 'doctype' }, html as Element] };
}

/**
 * Font preloads, for a hosted site: a preload must be a CORS request to match the font's own
 * fetch, and from disk Chromium refuses CORS requests to file:// (the font itself loads, the
 * preload fails with a console error). So they are added by a line of script when the page is
 * served, before the stylesheet; from disk there is no latency to hide. Fonts use
 * font-display: block, so nothing shifts either way.
 */
function fontPreloads(hrefs: readonly string[]): Element {
  return h('script', `if(location.protocol!=="file:")for(const f of ${JSON.stringify(hrefs)}){const l=document.createElement("link");`
    + `l.rel="preload";l.as="font";l.type="font/woff2";l.crossOrigin="anonymous";l.href=f;document.head.appendChild(l)}`);
}
