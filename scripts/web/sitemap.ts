import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { absoluteUrl, cleanUrl, type WebPage } from './site-plan.js';

/**
 * sitemap.xml listing every page by its clean URL: absolute when book.yaml names the site,
 * otherwise relative to the site's root, where the sitemap itself is (the edition opens from
 * disk and may be hosted anywhere).
 */
export function sitemapXml(pages: readonly WebPage[], modified: Date, site?: string): string {
  const lastmod = modified.toISOString().slice(0, 10);
  const tree = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
    pages.map((p) => x('url', [x('loc', absoluteUrl(site, p.path) ?? (cleanUrl(p.path) || './')), x('lastmod', lastmod)])));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(tree)}\n`;
}
