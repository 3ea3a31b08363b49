import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { editionStylesheet } from '../assets/write-assets.js';
import { charactersOf, subsetFacesFor, subsetFontFaceCss, usedCharacters } from '../fonts/subset-faces.js';
import type { BrandSfnts } from '../fonts/brand-sfnt.js';
import type { Survey } from '../survey/survey-model.js';
import { chartCsv, csvPath } from './chart-csv.js';
import { bundleClientScripts } from './client-scripts.js';
import type { Download } from './downloads.js';
import { allPages } from './site-plan.js';
import { cachedSitePages } from './cached-pages.js';
import { fillPageAnchors } from './page-anchors.js';
import { createSitePages } from './site-pages.js';
import { cardColours, ogCardSvg } from './og-card.js';
import type { TextMeasurer } from '../charts/text-metrics.js';
import type { Rasterizable } from '../render/cached-rasters.js';
import { siteIconSvg, ICON } from './site-icon.js';
import { sitemapXml } from './sitemap.js';
import { FONT_DIR, STYLESHEET } from './web-document.js';
import type { Brand } from '../brand/brand.js';
import type { PageStart } from '../output/page-starts.js';
import { makeFoldersBelow } from '../publish/staging.js';
import { WEB_NAMES } from '../chapters/edition-names.js';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';

export interface WebEditionInput {
  readonly root: string;
  readonly brand: Brand;
  /** The edition's folder, `<stagingDir>/web`; the PDF and ePub built beside it are placed in its downloads/ (downloads.ts). */
  readonly dir: string;
  readonly assembled: AssembledBook;
  readonly survey: Survey;
  /** Measures the brand sans, to wrap the sharing images' titles (made when first needed). */
  readonly measurer: () => Promise<TextMeasurer>;
  /** Draws SVG cards as PNG (og-images.ts: cached, Chromium when needed), by site path. */
  readonly drawImages: (cards: readonly Rasterizable[]) => Promise<ReadonlyMap<string, Uint8Array>>;
  /** The brand faces decoded (fonts/brand-sfnt.ts), to cut the web's subsets from. */
  readonly fonts: () => Promise<BrandSfnts>;
  /** Where each print page starts, for the pages' print page anchors: settled by the final print ([] without a PDF). */
  readonly pageStarts: Promise<readonly PageStart[]>;
  /** Keeps the pages (cached-pages.ts) and the bundled browser scripts. */
  readonly cache: BuildCache;
  readonly signal?: AbortSignal;
  /** Hears how long the edition, its work done, waited for the page starts (the build's stage timings). */
  readonly waited?: (ms: number) => void;
  /** Hears how long the last step took, from the page starts to the pages written. */
  readonly tail?: (ms: number) => void;
}

export interface WebEdition {
  /** Writes the landing page, whose download box shows the sizes of the files it is given. */
  writeLanding(downloads: readonly Download[]): Promise<{ path: string; bytes: number }>;
}

/**
 * Writes the web edition except its landing page: one page per section, "read all", search,
 * the charts' CSV files, sitemap.xml and the assets. The landing page comes last, when the
 * sizes of the PDF and ePub built alongside are known. Everything is made while the print is
 * under way: the pages (from the cache when their inputs are unchanged, cached-pages.ts) with a
 * slot wherever a print page's anchor may go, the search index, the fonts, the sharing images;
 * once the print has settled where its pages start, the anchors go into the slots and the
 * pages are written, a small last step.
 */
export async function writeWebEdition(input: WebEditionInput): Promise<WebEdition> {
  const { root, brand, dir, assembled, survey, cache } = input;
  const { book } = assembled;
  const colours = cardColours(brand);
  const pages = createSitePages(assembled, brand);
  const { plan } = pages;
  const [images, scripts, made] = await Promise.all([
    input.drawImages(pages.cards.map((card) => ({
      id: card.path,
      // Everything a card is drawn from: the SVG is made (and the font measured) only when the cache lacks the image.
      source: JSON.stringify([card, colours, book.title, book.publisher, book.year]),
      svg: async () => ogCardSvg(card, book, colours, await input.measurer()),
    }))),
    cachedClientScripts(cache),
    cachedSitePages(pages, cache, input.signal),
  ]);
  const files = new Map<string, string | Uint8Array>();
  files.set(made.search.path, made.search.html);
  for (const id of made.chartIds) files.set(csvPath(id), chartCsv(survey.questions.get(id)!));
  // A sitemap lists absolute URLs: only a hosted edition (book.yaml's `site`) has one.
  if (book.site) files.set(`${WEB_NAMES.sitemap}.xml`, sitemapXml(allPages(plan), book.modified, book.site));
  for (const [name, code] of scripts) files.set(`${WEB_NAMES.assets}/${name}`, code);
  const texts = [...files.values()].filter((t) => typeof t === 'string').map(usedCharacters);
  const fonts = await webFonts([...made.characters, ...texts, usedCharacters(pages.landing([]))], brand, input.fonts);
  files.set(STYLESHEET, await editionStylesheet(root, brand.fonts, 'screen', 'fonts', subsetFontFaceCss(fonts, 'fonts', 'block')));
  for (const font of fonts) files.set(`${FONT_DIR}/${font.file}`, font.bytes);
  files.set(ICON, siteIconSvg(colours));
  for (const [path, png] of images) files.set(path, png);
  const written = writeFiles(dir, files);

  // Both settled before either's failure is thrown: no write is still under way when the
  // build, stopped, removes its staging folder.
  const waiting = performance.now();
  let started = waiting;
  const [starts, writes] = await Promise.allSettled([input.pageStarts.then((s) => {
    started = performance.now();
    return s;
  }), written]);
  input.waited?.(Math.max(0, started - waiting));
  if (writes.status === 'rejected') throw writes.reason;
  if (starts.status === 'rejected') throw starts.reason;
  const pageStarts = starts.value;
  const ready = performance.now();
  await writeFiles(dir, new Map([...made.templates].map(([path, page]) => [path, fillPageAnchors(page.html, page.slots, new Set(page.roots), pageStarts)])));
  input.tail?.(performance.now() - ready);
  return {
    async writeLanding(downloads) {
      const html = pages.landing(downloads, pageStarts);
      await writeFiles(dir, new Map([[plan.landing.path, html]]));
      return { path: plan.landing.path, bytes: Buffer.byteLength(html) };
    },
  };
}

/** The browser scripts, bundled once per pipeline: their sources are the pipeline's. */
async function cachedClientScripts(cache: BuildCache): Promise<Map<string, string>> {
  const key = contentHash(cache.pipeline, 'client-scripts');
  const kept = await cache.store.read('web-scripts', key);
  if (kept) {
    try {
      return new Map(JSON.parse(kept.toString('utf8')) as Array<[string, string]>);
    } catch {
      // made again
    }
  }
  const scripts = await bundleClientScripts();
  await cache.store.write('web-scripts', key, JSON.stringify([...scripts]));
  return scripts;
}

/**
 * The characters every web subset carries, whatever the text: printable ASCII (what a reader
 * most often types into the search box) and the typographic punctuation; the site's own
 * characters (the authors' Ł, ł, ń, ś, ź…) are added. Anything else typed is drawn by the
 * metric-matched fallback face. As the site's characters rarely change, neither do the subsets'
 * cache keys. Each Latin-1 or Latin Extended-A letter kept for its own sake would cost every
 * page a few hundred bytes of font before its text is painted.
 */
const WEB_REPERTOIRE: ReadonlyArray<readonly [number, number]> = [[0x20, 0x7e], [0xa0, 0xa0], [0x2010, 0x2027], [0x2030, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122]];

/**
 * The brand faces cut down to the web repertoire and the characters the site's pages, search
 * index and data use: a phone on a slow network waits for the fonts before it paints the text,
 * and the full faces were 300 KB on an essay's first screen.
 */
function webFonts(characters: readonly string[], brand: Brand, sfnts: () => Promise<BrandSfnts>) {
  const repertoire = WEB_REPERTOIRE.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
  // The line break: the texts were once joined by it, and it is part of the subsets' cache key.
  return subsetFacesFor(charactersOf([usedCharacters(`${repertoire}\n`), ...characters]), 'woff2', brand.fonts, sfnts);
}

async function writeFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  // The web folder's parent, the staging folder, exists: a stopped build's late write must not make it again.
  await makeFoldersBelow(dirname(dir), [...files.keys()].map((p) => dirname(join(dir, p))));
  await Promise.all([...files].map(([path, text]) => writeFile(join(dir, path), text)));
}
