import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { cleanUrl, type WebPage } from './site-plan.js';

/**
 * sitemap.xml listing every page by its clean URL. The book has no site address (the edition
 * opens from disk and may be hosted anywhere), so the locations are relative to the site's
 * root, where the sitemap itself is: a host that needs absolute ones prefixes its address.
 */
export function sitemapXml(pages: readonly WebPage[], modified: Date): string {
  const lastmod = modified.toISOString().slice(0, 10);
  const tree = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
    pages.map((p) => x('url', [x('loc', cleanUrl(p.path) || './'), x('lastmod', lastmod)])));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(tree)}\n`;
}
