import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import { copyFonts, editionStylesheet } from '../assets/write-assets.js';
import { openOfflinePage } from './launch-browser.js';

/** The cover design rendered to a PNG of the size e-book stores ask for (1600 × 2560). */
export async function renderCoverImage(root: string, browser: Browser, cover: Element, workDir: string, lang: string): Promise<Uint8Array> {
  await mkdir(workDir, { recursive: true });
  await copyFonts(join(workDir, 'fonts'));
  await writeFile(join(workDir, 'book.css'), await editionStylesheet(root, 'cover', 'fonts'));
  const doc = h('html', { lang }, [h('head', [h('meta', { charset: 'utf-8' }), h('link', { rel: 'stylesheet', href: 'book.css' })]), h('body', [cover])]);
  await writeFile(join(workDir, 'index.html'), `<!doctype html>${toHtml(doc)}`);
  const { page, blocked } = await openOfflinePage(browser, workDir);
  try {
    await page.setViewport({ width: 800, height: 1280, deviceScaleFactor: 2 });
    await page.goto(pathToFileURL(join(workDir, 'index.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (blocked.length > 0) throw new Error(`the cover tried to load ${blocked.join(', ')}`);
    return await page.screenshot({ type: 'png', omitBackground: false });
  } finally {
    await page.close();
  }
}
