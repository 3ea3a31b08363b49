import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { absoluteUrl, type WebPage } from './site-plan.js';

/**
 * sitemap.xml listing every page by its absolute clean URL under the site's address
 * (book.yaml `site`): the sitemap protocol has no relative locations.
 */
export function sitemapXml(pages: readonly WebPage[], modified: Date, site: string): string {
  const lastmod = modified.toISOString().slice(0, 10);
  const tree = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
    pages.map((p) => x('url', [x('loc', absoluteUrl(site, p.path)!), x('lastmod', lastmod)])));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(tree)}\n`;
}
