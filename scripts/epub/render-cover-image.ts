import type { BrandFaces } from '../fonts/font-files.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import { closePage, openOfflinePage } from '../render/offline-page.js';
import { makeFolder } from '../publish/staging.js';

const KIND = 'cover-image';

/**
 * The cover design rendered to a PNG of the size e-book stores ask for (1600 × 2560). Kept in
 * the cache under the hash of its page and style sheet: an unchanged cover is not drawn again,
 * and the browser is asked for only when it must be.
 */
export async function renderCoverImage(
  root: string, fonts: BrandFaces, browser: () => Promise<Browser>, cover: Element, workDir: string, lang: string, cache: BuildCache, signal?: AbortSignal,
): Promise<Uint8Array> {
  const css = await editionStylesheet(root, fonts, 'cover', 'fonts');
  const doc = h('html', { lang }, [h('head', [h('meta', { charset: 'utf-8' }), h('link', { rel: 'stylesheet', href: 'book.css' })]), h('body', [cover])]);
  const html = `<!doctype html>${toHtml(doc)}`;
  const key = contentHash(cache.pipeline, KIND, html, css);
  const cached = await cache.store.read(KIND, key);
  if (cached) return cached;
  await makeFolder(workDir);
  await copyFonts(join(workDir, 'fonts'), fonts);
  await writeFile(join(workDir, 'book.css'), css);
  await writeFile(join(workDir, 'index.html'), html);
  signal?.throwIfAborted();
  const { page, blocked } = await openOfflinePage(await browser(), workDir);
  try {
    await page.setViewport({ width: 800, height: 1280, deviceScaleFactor: 2 });
    await page.goto(pathToFileURL(join(workDir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (blocked.length > 0) throw new Error(`the cover tried to load ${blocked.join(', ')}`);
    const png = await page.screenshot({ type: 'png', omitBackground: false });
    await cache.store.write(KIND, key, Buffer.from(png));
    return png;
  } finally {
    await closePage(page, signal);
  }
}
