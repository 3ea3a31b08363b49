import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element } from 'hast';
import type { Page } from 'puppeteer';
import { PNG } from 'pngjs';
import { describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import MiniSearch from 'minisearch';
import * as fontkit from 'fontkit';
import { toString } from 'hast-util-to-string';
import { fontFilePath } from '../scripts/fonts/font-files.js';
import { readBrand } from '../scripts/brand/brand.js';
import { withContrast } from '../scripts/web/code-contrast.js';
import { formatBytes } from '../scripts/web/downloads.js';
import { packIndex, unpackIndex, type PackedIndex } from '../scripts/web/search-codec.js';
import { INDEX_OPTIONS, QUERY_OPTIONS, type SearchDocument } from '../scripts/web/search-options.js';
import { takeScreenshots, SCREENSHOTS } from '../scripts/web/screenshots.js';
import { hasValidator } from './helpers/validators.js';
import { scriptsReadingMedia } from './helpers/media-scripts.js';
import { parsedPages } from './helpers/parsed-pages.js';
import {
  elements, hasClass, idsOf, isExternal, listPages, pageWeight, parseCsv, referencesOf, resolveReference, serveStatic, textOf,
} from './helpers/web-site.js';

const dist = inject('reportDist');
const web = join(dist, 'web');
const pages = listPages(web);
/** Each page parsed once for the whole file (the tests read the trees, never change them). */
const parsePage = parsedPages();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHART_PAGE = 'part-2/python-now/index.html';

describe('the web edition as files', () => {
  it('has a page per section at clean URLs, a landing page, "read all" and search', () => {
    expect(pages).toEqual([
      'about-stx-next/index.html', 'acknowledgements/index.html', 'all/index.html', 'index.html',
      'part-1/adjacent-possibilities/index.html', 'part-1/asynchronous-python/index.html', 'part-1/index.html',
      'part-1/mvp-development/index.html', 'part-1/performance-boost/index.html',
      'part-2/developer-report-introduction/index.html', 'part-2/education-and-development/index.html', 'part-2/index.html',
      'part-2/python-now/index.html', 'part-2/tools-and-technologies/index.html', 'part-2/whats-next/index.html',
      'part-2/who-answered/index.html', 'search/index.html', 'survey-data/index.html',
    ]);
    // No sitemap without book.yaml `site`: its locations must be absolute (web-site-address.test.ts).
    expect(existsSync(join(web, 'sitemap.xml'))).toBe(false);
  });

  it('resolves every internal link, stylesheet and script, fragments included', () => {
    const idCache = new Map<string, Set<string>>();
    const ids = (file: string) => idCache.get(file) ?? idCache.set(file, idsOf(parsePage(file))).get(file)!;
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const href of referencesOf(parsePage(join(web, page)))) {
        if (isExternal(href)) continue;
        const { file, fragment } = resolveReference(web, page, href);
        checked++;
        if (!existsSync(file)) broken.push(`${page}: ${href} (no file)`);
        else if (fragment && file.endsWith('.html') && !ids(file).has(fragment)) broken.push(`${page}: ${href} (no id)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(800);
  });

  it('rewrites links to ids on other pages, as the ePub does for its files', () => {
    const appendix = parsePage(join(web, 'survey-data/index.html'));
    const back = elements(appendix, (e) => e.tagName === 'a' && textOf(e) === 'Back to the chart').map((e) => String(e.properties.href));
    expect(back.length).toBe(28);
    expect(back).toContain('../part-2/python-now/index.html#chart-why-choose-python');
  });

  it('draws a sharing image per page: a 1200 × 630 PNG from the cover design (named in og:image once `site` makes it absolute)', () => {
    const images = new Set((readdirSync(join(web, 'og')) as string[]).filter((f) => f.endsWith('.png')).map((f) => join(web, 'og', f)));
    // One per section and the landing's, shared by "read all" and search.
    expect(images.size).toBe(pages.length - 2);
    for (const file of images) {
      const png = PNG.sync.read(readFileSync(file));
      expect([png.width, png.height], file).toEqual([1200, 630]);
      // The brand's deep blue ground (#0f2a52) in the top-left corner, not a blank canvas.
      expect([...png.data.subarray(0, 3)], file).toEqual([0x0f, 0x2a, 0x52]);
    }
  });

  it('gives every page a title, description, Open Graph tags, one h1 and anchored headings, and no relative canonical', () => {
    for (const page of pages) {
      const tree = parsePage(join(web, page));
      const meta = (key: string, value: string) => elements(tree, (e) => e.tagName === 'meta' && e.properties[key] === value)[0]?.properties.content;
      expect(textOf(elements(tree, (e) => e.tagName === 'title')[0]!), page).toMatch(/Python Tech Radar/);
      expect(String(meta('name', 'description')).length, page).toBeGreaterThan(40);
      expect(meta('property', 'og:title'), page).toBeTruthy();
      expect(meta('property', 'og:description'), page).toBeTruthy();
      expect(elements(tree, (e) => e.tagName === 'link' && String(e.properties.rel) === 'canonical')).toEqual([]);
      expect(elements(tree, (e) => e.tagName === 'h1').length, page).toBeGreaterThanOrEqual(1);
      const headings = elements(tree, (e) => /^h[2-6]$/.test(e.tagName) && typeof e.properties.id === 'string' && !hasClass(e, 'toc-title'));
      for (const hd of headings) {
        const anchor = elements(hd, (e) => hasClass(e, 'heading-anchor'))[0];
        if (anchor) expect(anchor.properties.href, page).toBe(`#${String(hd.properties.id)}`);
      }
    }
    const chapter = parsePage(join(web, 'part-1/asynchronous-python/index.html'));
    expect(elements(chapter, (e) => hasClass(e, 'heading-anchor')).length).toBeGreaterThan(20);
    expect(elements(chapter, (e) => e.tagName === 'h1').map(textOf)[0]).toMatch(/^Will Python Ever Become Fully Asynchronous\?/);
  });

  it('keeps every page but "read all" under 200 KB before fonts and charts', () => {
    const weights = pages.map((p) => ({ page: p, ...pageWeight(web, p) }));
    console.info(weights.map((w) => `${w.page.padEnd(48)} ${(w.total / 1024).toFixed(0).padStart(4)} KB (html ${(w.html / 1024).toFixed(0)} KB, svg ${(w.svg / 1024).toFixed(0)} KB)`).join('\n'));
    for (const w of weights.filter((x) => x.page !== 'all/index.html')) expect(w.total, w.page).toBeLessThan(200 * 1024);
  });

  it('ships its fonts cut to the characters its pages use: smaller, and missing none the full face has', () => {
    const used = new Set<number>();
    for (const p of pages) {
      const text = toString(parsePage(join(web, p)));
      for (const ch of text + text.toUpperCase()) used.add(ch.codePointAt(0)!);
    }
    const faces = readBrand(join(import.meta.dirname, '..')).fonts.faces.filter((f) => existsSync(join(web, 'assets/fonts', f.file)));
    expect(faces.filter((f) => f.subset === 'latin').length).toBeGreaterThan(8);
    for (const face of faces) {
      const full = fontkit.openSync(fontFilePath(face)) as { characterSet: number[] };
      const shipped = new Set((fontkit.openSync(join(web, 'assets/fonts', face.file)) as { characterSet: number[] }).characterSet);
      const missing = full.characterSet.filter((c) => used.has(c) && !shipped.has(c)).map((c) => String.fromCodePoint(c));
      expect(missing, face.file).toEqual([]);
      expect(statSync(join(web, 'assets/fonts', face.file)).size, face.file).toBeLessThan(statSync(fontFilePath(face)).size);
    }
  });

  it('gives each chart a CSV file with the rows, shares and counts the chart and its table show', () => {
    let charts = 0;
    for (const page of pages.filter((p) => p !== 'all/index.html')) {
      const tree = parsePage(join(web, page));
      for (const figure of elements(tree, (e) => e.tagName === 'figure' && typeof e.properties.dataQuestion === 'string')) {
        charts++;
        const id = String(figure.properties.dataQuestion);
        // Drawing, then its caption; the data table and the CSV link follow the figure.
        const holder = elements(tree, (e) => e.children.includes(figure))[0]!;
        const siblings = holder.children.filter((c): c is Element => c.type === 'element');
        const [data, download] = siblings.slice(siblings.indexOf(figure) + 1);
        expect(figure.children.filter((c): c is Element => c.type === 'element').map((c) => c.tagName), id).toEqual(['div', 'figcaption']);
        expect(data && hasClass(data, 'chart-data') && data.properties.id, id).toBe(`${String(figure.properties.id)}-data`);
        expect(download && hasClass(download, 'chart-download'), id).toBe(true);
        const link = elements(download!, (e) => e.tagName === 'a' && String(e.properties.href).endsWith('.csv'))[0]!;
        const { file } = resolveReference(web, page, String(link.properties.href));
        expect(file).toBe(join(web, 'data', `${id}.csv`));
        const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
        expect(header).toEqual(['question', 'base', 'note', 'answer', 'share', 'count', 'seed_line']);
        const table = elements(data!, (e) => e.tagName === 'tbody')[0]!;
        const shown = elements(table, (e) => e.tagName === 'tr').map((tr) => elements(tr, (c) => c.tagName === 'th' || c.tagName === 'td').map(textOf));
        expect(rows.map((r) => [r[3], r[4], r[5] === '' ? '–' : r[5]]), id).toEqual(shown);
        // The wide chart and its phone layout: the same bars in each.
        const svgs = elements(figure, (e) => e.tagName === 'svg');
        expect(svgs.map((svg) => hasClass(svg, 'chart-narrow')), id).toEqual([true, false]);
        for (const svg of svgs) {
          const bars = elements(svg, (e) => e.tagName === 'g' && hasClass(e, 'mark-rect')).flatMap((g) => elements(g, (p) => p.tagName === 'path'));
          expect(bars.length, id).toBe(rows.length);
        }
        // The caption says what the drawing's header does not: not the question, nor n (issue 23).
        const caption = textOf(elements(figure, (e) => e.tagName === 'figcaption')[0]!);
        expect(caption, id).toMatch(/^Chart \d+\./);
        expect(figure.properties.ariaLabel, id).toBe(rows[0]![0]);
        for (const r of rows) {
          expect(caption, id).not.toContain(r[0]);
          expect(caption, id).not.toContain(`n = ${r[1]}`);
          expect(Number(r[6]), id).toBeGreaterThan(0);
        }
      }
    }
    expect(charts).toBe(28);
  });

  it('offers the PDF and ePub on the landing page with their sizes', () => {
    const tree = parsePage(join(web, 'index.html'));
    const box = elements(tree, (e) => hasClass(e, 'downloads'))[0]!;
    const items = elements(box, (e) => e.tagName === 'li');
    expect(items.map((li) => String(elements(li, (e) => e.tagName === 'a')[0]!.properties.href))).toEqual(['downloads/python-tech-radar.pdf', 'downloads/python-tech-radar.epub']);
    for (const [li, file] of items.map((li, i) => [li, ['python-tech-radar.pdf', 'python-tech-radar.epub'][i]!] as const)) {
      expect(textOf(li)).toContain(formatBytes(statSync(join(dist, file)).size));
      expect(statSync(join(web, 'downloads', file)).size).toBe(statSync(join(dist, file)).size);
    }
  });
});

describe('the web edition\'s helpers', () => {
  it('packs the search index losslessly', () => {
    const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
    index.addAll([
      { id: 0, title: 'Asyncio basics', chapter: 'A', url: 'a/index.html', text: 'asyncio asyncio event loop — the loop', excerpt: 'x' },
      { id: 1, title: 'The GIL', chapter: 'B', url: 'b/index.html#gil', text: 'free-threaded Python 3.13, PEP 703; asyncio', excerpt: 'y' },
    ]);
    const plain = index.toJSON();
    const packed = packIndex(plain);
    expect(unpackIndex(JSON.parse(JSON.stringify(packed)) as PackedIndex)).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(plain).length);
    expect(MiniSearch.loadJS(unpackIndex(packed), INDEX_OPTIONS).search('asyncio', QUERY_OPTIONS).map((r) => r.id)).toEqual([0, 1]);
  });

  it('lifts code colours to 4.5:1 and leaves good ones alone', () => {
    const lifted = withContrast('#E36209', '#ffffff');
    expect(lifted).not.toBe('#E36209');
    expect(withContrast(lifted, '#ffffff')).toBe(lifted);
    expect(withContrast('#6A737D', '#24292e')).not.toBe('#6A737D');
    expect(withContrast('#24292E', '#ffffff')).toBe('#24292E');
  });
});

describe.skipIf(!hasValidator('chromium'))('the web edition in Chromium', () => {
  const browser = sharedBrowser();

  /** Opens a page from disk in the light theme, recording console errors, page errors and failed or outside requests. */
  async function open(path: string, width = 1280, options: { javascript?: boolean; cpuSlowdown?: number } = {}) {
    const page = await browser().newPage();
    if (options.cpuSlowdown) await (await page.createCDPSession()).send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) problems.push(`network: ${r.url()}`);
    });
    await page.setJavaScriptEnabled(options.javascript ?? true);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width, height: 900 });
    const [file, query] = path.split('?');
    await page.goto(`${pathToFileURL(join(web, file!)).href}${query ? `?${query}` : ''}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { page, problems };
  }

  async function axeViolations(page: Page): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      type Axe = { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> };
      // No preload: axe would fetch the stylesheets with XHR, which file:// pages may not do.
      const result = await (window as unknown as { axe: Axe }).axe.run(document, { preload: false });
      return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ')}`);
    });
  }

  it.each(pages)('%s: loads cleanly, axe finds nothing in light and dark, no sideways scroll at 390 px', async (path) => {
    // One load, then the dark theme switched on it: with no script reading the theme, the page
    // is then what loading it in the dark theme shows.
    expect(scriptsReadingMedia(web, path, parsePage(join(web, path)))).toEqual([]);
    const { page, problems } = await open(path, 390);
    try {
      for (const dark of [false, true]) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at 390 px ${dark ? 'dark' : 'light'}`).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), `${path} ${dark ? 'dark' : 'light'}`).toEqual([]);
        expect(problems).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it('shows a bar\'s share and count by keyboard, and opens the data table', async () => {
    const { page, problems } = await open(CHART_PAGE);
    try {
      let onChart = false;
      for (let i = 0; i < 80 && !onChart; i++) {
        await page.keyboard.press('Tab');
        onChart = await page.evaluate(() => document.activeElement?.classList.contains('chart-graphic') ?? false);
      }
      expect(onChart).toBe(true);
      const state = () => page.evaluate(() => {
        const figure = document.activeElement!.closest('figure')!;
        const tip = figure.querySelector<HTMLElement>('.chart-tooltip')!;
        const rows = [...document.getElementById(`${figure.id}-data`)!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
        return { visible: !tip.hidden && tip.offsetWidth > 0, text: tip.textContent, rows, active: figure.querySelectorAll('.mark-rect path.is-active').length };
      });
      const first = await state();
      expect(first.visible).toBe(true);
      expect(first.active).toBe(1);
      expect(first.text).toContain(first.rows[0]![0]);
      expect(first.text).toContain(first.rows[0]![1]);
      expect(first.text).toContain(`${first.rows[0]![2]} respondents`);
      await page.keyboard.press('ArrowDown');
      const second = await state();
      expect(second.text).toContain(second.rows[1]![0]);
      expect(second.text).toContain(second.rows[1]![1]);
      await page.keyboard.press('Escape');
      expect((await state()).visible).toBe(false);

      await page.keyboard.press('Tab');
      const summary = await page.evaluate(() => document.activeElement?.tagName);
      expect(summary).toBe('SUMMARY');
      const tableShown = () => page.evaluate(() => {
        const details = document.activeElement!.closest('details')!;
        return details.open && details.querySelector('table')!.getBoundingClientRect().height > 0;
      });
      expect(await tableShown()).toBe(false);
      await page.keyboard.press('Enter');
      expect(await tableShown()).toBe(true);
      await page.keyboard.press('Space');
      expect(await tableShown()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('works with JavaScript off: charts, data tables and CSV links are plain HTML', async () => {
    const { page, problems } = await open(CHART_PAGE, 390, { javascript: false });
    try {
      const state = await page.evaluate(() => ({
        svgs: document.querySelectorAll('figure.chart svg').length / 2,
        csv: document.querySelectorAll('figure.chart + details.chart-data + .chart-download a[href$=".csv"]').length,
        tooltips: document.querySelectorAll('.chart-tooltip').length,
      }));
      expect(state.svgs).toBeGreaterThan(3);
      expect(state.csv).toBe(state.svgs);
      expect(state.tooltips).toBe(0);
      await page.click('figure.chart + details.chart-data summary');
      expect(await page.evaluate(() => document.querySelector('figure.chart + details.chart-data')!.hasAttribute('open'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('searches the whole report from ?q= and as the reader types', async () => {
    const { page, problems } = await open('search/index.html?q=asyncio');
    try {
      const results = () => page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('#search-results a')].map((a) => a.href));
      const first = await results();
      expect(first.length).toBeGreaterThan(2);
      expect(first.some((href) => href.includes('part-1/asynchronous-python/index.html#'))).toBe(true);
      for (const href of first) expect(existsSync(new URL(href.split('#')[0]!))).toBe(true);
      // The matched words are marked in the results' titles and excerpts.
      const marked = await page.evaluate(() => [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent!.toLowerCase()));
      expect(marked.length).toBeGreaterThan(0);
      for (const word of marked) expect(word).toMatch(/^asyncio/);
      await page.click('#search-query', { count: 3 });
      await page.keyboard.type('GIL');
      await page.waitForFunction(() => document.querySelector('#search-status')!.textContent!.includes('GIL'));
      expect((await results()).length).toBeGreaterThan(0);
      await page.evaluate(() => { (document.querySelector('#search-query') as HTMLInputElement).value = ''; });
      await page.keyboard.type('zzqqxx');
      await page.waitForFunction(() => document.querySelector('#search-status')!.textContent!.startsWith('No results'));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  const MEASURED = ['index.html', 'part-1/asynchronous-python/index.html', CHART_PAGE, 'all/index.html'];

  // Layout shift (CLS) and paint times depend on the machine's load: `npm run bench` measures
  // them with their targets (scripts/bench/web-vitals.ts).

  it('served over HTTP: preloads its fonts, no failed request', async () => {
    const server = await serveStatic(dist);
    const opened: Array<{ page: Page; path: string; problems: string[] }> = [];
    try {
      for (const path of MEASURED) {
        // Loaded once at the phone's width, then widened: with no script reading the width, what
        // the wide layout needs more is requested then, as a load at 1280 px would.
        expect(scriptsReadingMedia(web, path, parsePage(join(web, path)))).toEqual([]);
        const page = await browser().newPage();
        const problems: string[] = [];
        opened.push({ page, path, problems });
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        page.on('response', (r) => {
          if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
        });
        await page.setViewport({ width: 390, height: 900 });
        await page.goto(`${server.url}web/${path.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
        for (const width of [390, 1280]) {
          await page.setViewport({ width, height: 900 });
          await page.waitForNetworkIdle({ idleTime: 200 });
          const preloads = await page.evaluate(() => document.querySelectorAll('link[rel="preload"][as="font"]').length);
          expect(preloads, `${path} at ${width} px`).toBe(4);
        }
      }
      for (const { path, problems } of opened) expect(problems, path).toEqual([]);
    } finally {
      await Promise.all(opened.map((o) => o.page.close()));
      await server.close();
    }
  });

  it('prints one page without the site around it', async () => {
    const { page } = await open('part-1/asynchronous-python/index.html');
    try {
      await page.emulateMediaType('print');
      const shown = await page.evaluate(() => Object.fromEntries(['.site-header', '.site-footer', '.pager', '.chapter-toc', '.heading-anchor', 'article.chapter']
        .map((sel) => [sel, getComputedStyle(document.querySelector(sel)!).display !== 'none'])));
      expect(shown).toEqual({ '.site-header': false, '.site-footer': false, '.pager': false, '.chapter-toc': false, '.heading-anchor': false, 'article.chapter': true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(50_000);
    } finally {
      await page.close();
    }
  });

  it('writes screenshots of the landing page, a chapter and a chart at 390 and 1280 px', async () => {
    const files = await takeScreenshots(dist, browser());
    expect(files.length).toBe(SCREENSHOTS.length * 3);
    for (const file of files) {
      const png = PNG.sync.read(readFileSync(file));
      const width = /-390\.png$/.test(file) ? 390 : 1280;
      expect(png.width, file).toBe(width);
      expect(png.height, file).toBeGreaterThan(800);
    }
  });
});

