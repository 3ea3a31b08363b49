import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import { CHART_SCALE } from '../scripts/render/raster-image.js';
import { measureChartLabels } from './helpers/chart-legibility.js';
import { unzipEpub } from './helpers/unzip-epub.js';
import { hasValidator } from './helpers/validators.js';
import { scriptsReadingMedia } from './helpers/media-scripts.js';
import { elements, hasClass, isExternal, listPages, parsePage, resolveReference } from './helpers/web-site.js';

const dist = inject('reportDist');
const web = join(dist, 'web');
const PHONE = 390;
/** The smallest chart text a phone reader is given, in CSS px (body text is 15 px at 390 px). */
const MIN_LABEL = 12;

describe('the web edition as a site of its own (dist/web as the root)', () => {
  it('resolves every local link and asset of every page inside dist/web, the PDF and ePub downloads included', () => {
    const root = realpathSync(web);
    const outside: string[] = [];
    const missing: string[] = [];
    let checked = 0;
    for (const page of listPages(web)) {
      const tree = parsePage(join(web, page));
      const refs = elements(tree, () => true).flatMap((e) => ['href', 'src', 'content', 'srcSet']
        .filter((k) => typeof e.properties[k] === 'string' && (k !== 'content' || e.tagName === 'meta' && /^og:(image|url)$/.test(String(e.properties.property))))
        .map((k) => String(e.properties[k])));
      for (const href of refs) {
        if (isExternal(href) || href.startsWith('#') || href.startsWith('data:')) continue;
        checked++;
        const { file } = resolveReference(web, page, href);
        if (!file.startsWith(web + sep)) outside.push(`${page}: ${href}`);
        else if (!existsSync(file)) missing.push(`${page}: ${href}`);
        else if (!realpathSync(file).startsWith(root + sep)) outside.push(`${page}: ${href} (a link out of the site)`);
      }
    }
    expect(outside).toEqual([]);
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(400);
    const landing = parsePage(join(web, 'index.html'));
    const downloads = elements(landing, (e) => e.tagName === 'a' && /\.(pdf|epub)$/.test(String(e.properties.href))).map((e) => String(e.properties.href));
    expect(new Set(downloads)).toEqual(new Set(['downloads/python-tech-radar.pdf', 'downloads/python-tech-radar.epub']));
    expect(readFileSync(join(web, 'downloads', 'python-tech-radar.pdf'))).toEqual(readFileSync(join(dist, 'python-tech-radar.pdf')));
  });

  it('without book.yaml `site`, writes no relative canonical, og:image or sitemap location', () => {
    for (const page of listPages(web)) {
      const html = readFileSync(join(web, page), 'utf8');
      expect(html, page).not.toMatch(/rel="canonical"|property="og:image"|property="og:url"|rel="sitemap"/);
    }
    expect(existsSync(join(web, 'sitemap.xml'))).toBe(false);
  });
});

describe.skipIf(!hasValidator('chromium'))('the web edition and the ePub on a phone', () => {
  const browser = sharedBrowser();

  /**
   * "Read all" at 390 px, loaded once for the tests that read it (the charts' labels, the hanging
   * code lines). A test that changes its theme or width puts them back; each call sets them again,
   * so every test reads the page as a fresh load at 390 px in the light theme shows it.
   */
  let readAll: Promise<Page> | undefined;
  async function readAllAtPhone(): Promise<Page> {
    readAll ??= (async () => {
      const page = await browser().newPage();
      await page.setViewport({ width: PHONE, height: 844 });
      await page.goto(pathToFileURL(join(web, 'all/index.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page;
    })();
    const page = await readAll;
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: PHONE, height: 844 });
    return page;
  }

  /** The report's ePub unpacked once, for the tests that show its pages or images. */
  let unpacked: { dir: string; content: Promise<string> } | undefined;
  function epubContent(): Promise<string> {
    if (!unpacked) {
      const dir = mkdtempSync(join(tmpdir(), 'ptr-phone-epub-'));
      unpacked = { dir, content: unzipEpub(join(dist, 'python-tech-radar.epub'), dir) };
    }
    return unpacked.content;
  }

  afterAll(async () => {
    await (await readAll?.catch(() => undefined))?.close();
    if (unpacked) await rm(unpacked.dir, { recursive: true, force: true });
  });

  it(`keeps every chart label at ${MIN_LABEL} px or more at ${PHONE} px, in light and dark, as it was 7 px`, async () => {
    // No script reads the theme or the width: switched on the loaded page, they lay it out as
    // loading it in them does.
    expect(scriptsReadingMedia(web, 'all/index.html')).toEqual([]);
    const page = await readAllAtPhone();
    try {
      for (const dark of [false, true]) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
        await page.setViewport({ width: PHONE, height: 844 });
        const sizes = await measureChartLabels(page, MIN_LABEL);
        expect(sizes.charts).toBe(28);
        expect(sizes.texts).toBeGreaterThan(200);
        expect(sizes.below, dark ? 'dark' : 'light').toEqual([]);
        // On a wide screen the wide layout is the one shown.
        await page.setViewport({ width: 1280, height: 900 });
        expect(await page.evaluate(() => [...document.querySelectorAll('svg.chart-narrow')].filter((s) => s.getBoundingClientRect().width > 0).length)).toBe(0);
      }
    } finally {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
      await page.setViewport({ width: PHONE, height: 844 });
    }
  });

  it(`sets each phone chart label nearer its own bar than the bar above, at ${PHONE} px`, async () => {
    const page = await readAllAtPhone();
    const charts = await page.evaluate(() => [...document.querySelectorAll('svg.chart-narrow')].map((svg) => {
      const id = svg.closest('figure')?.id ?? '?';
      const bars = [...svg.querySelectorAll('g.mark-rect.role-mark path')].map((p) => p.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      const layers = [...svg.querySelectorAll('g.mark-text.role-mark')];
      const labels = [...(layers.at(-1)?.querySelectorAll('text') ?? [])].map((text) => {
        const lines = [...text.querySelectorAll('tspan')].filter((t) => t.textContent!.trim() !== '');
        const boxes = (lines.length > 0 ? lines : [text]).map((t) => t.getBoundingClientRect());
        return { text: text.textContent!.trim(), top: Math.min(...boxes.map((b) => b.top)), bottom: Math.max(...boxes.map((b) => b.bottom)) };
      });
      return { id, labels, bars: bars.map((b) => ({ top: b.top, bottom: b.bottom })) };
    }));
    expect(charts.length).toBe(28);
    const astray: string[] = [];
    for (const chart of charts) {
      expect(chart.labels.length, chart.id).toBeGreaterThan(1);
      for (const label of chart.labels) {
        const own = chart.bars.find((b) => b.top >= label.bottom - 0.5);
        const above = chart.bars.filter((b) => b.bottom <= label.top + 0.5).at(-1);
        expect(own, `${chart.id}: ${label.text}`).toBeDefined();
        if (above && own!.top - label.bottom >= label.top - above.bottom) astray.push(`${chart.id}: ${label.text}`);
      }
    }
    expect(astray).toEqual([]);
  });

  it(`draws the ePub's chart images so that their labels stay at ${MIN_LABEL} px or more shown ${PHONE} px wide`, async () => {
    const page = await browser().newPage();
    try {
      const content = await epubContent();
      const sources = new Map<string, string>();
      const html = readFileSync(join(web, 'all/index.html'), 'utf8');
      for (const figure of elements(parsePage(join(web, 'all/index.html')), (e) => e.tagName === 'figure' && hasClass(e, 'chart'))) {
        const id = String(figure.properties.id);
        const at = html.indexOf(`id="${id}"`);
        sources.set(String(figure.properties.dataQuestion), /<svg[\s\S]*?<\/svg>/.exec(html.slice(at))![0]);
      }
      const images = (readdirSync(content, { recursive: true }) as string[]).filter((f) => /charts[\\/].+\.png$/.test(f));
      expect(images.length).toBe(28);
      for (const file of images) {
        const id = file.split(/[\\/]/).pop()!.replace(/\.png$/, '');
        const svg = sources.get(id)!;
        expect(svg, id).toContain('chart-narrow');
        const width = Number(/\swidth="([\d.]+)"/.exec(svg)![1]);
        // The PNG is that SVG drawn at CHART_SCALE.
        expect(PNG.sync.read(readFileSync(join(content, file))).width, id).toBe(Math.ceil(width) * CHART_SCALE);
        // Shown at 390 px or at its own width where that is narrower (the ePub gives it its width).
        const shown = Math.min(PHONE, Math.ceil(width));
        await page.setViewport({ width: shown, height: 800 });
        await page.setContent(`<body style="margin:0">${svg.replace('class="marks chart-narrow"', `class="marks" style="display:block;width:${shown}px;height:auto"`)}</body>`);
        const sizes = await measureChartLabels(page, MIN_LABEL, 'svg');
        expect(sizes.texts, id).toBeGreaterThan(3);
        expect(sizes.below, id).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it(`marks each wrapped code row with a ↪ in the gutter at ${PHONE} px, in the web edition and the ePub, and no unwrapped row`, async () => {
    const page = await browser().newPage();
    try {
      const content = await epubContent();
      const epubPage = (readdirSync(content, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.xhtml')).find((f) => readFileSync(join(content, f), 'utf8').includes('class="line"'));
      expect(epubPage).toBeDefined();
      for (const url of [pathToFileURL(join(web, 'part-1/asynchronous-python/index.html')).href, pathToFileURL(join(content, epubPage!)).href]) {
        await page.setViewport({ width: PHONE, height: 844 });
        await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const lines = await page.evaluate(() => [...document.querySelectorAll('pre.code .line')].map((line) => {
          const box = line.getBoundingClientRect();
          const style = getComputedStyle(line);
          const mark = getComputedStyle(line, '::before');
          const row = Number.parseFloat(style.lineHeight);
          return { x: box.left + window.scrollX, y: box.top + window.scrollY, rows: Math.round(box.height / row), row, size: Number.parseFloat(style.fontSize), content: mark.content, top: Number.parseFloat(mark.top), position: mark.position };
        }));
        const wrapped = lines.filter((l) => l.rows >= 2);
        expect(wrapped.length, url).toBeGreaterThan(2);
        const height = Math.ceil(Math.max(...lines.map((l) => l.y + l.rows * l.row))) + 10;
        await page.setViewport({ width: PHONE, height: Math.min(height, 16_000) });
        /**
         * The dark pixels in the gutter left of a line's row `r` (0: its first row). The clip lies
         * in the viewport, made as tall as the code: captured from it as it is painted (the same
         * pixels), not beyond it, which has Chromium paint the whole page again for each shot.
         */
        const ink = async (l: (typeof lines)[number], r: number) => {
          const clip = { x: l.x - 0.85 * l.size, y: l.y + r * l.row, width: 0.8 * l.size, height: l.row };
          const shot = PNG.sync.read(Buffer.from(await page.screenshot({ clip, captureBeyondViewport: false, encoding: 'binary' })));
          let dark = 0;
          for (let i = 0; i < shot.data.length; i += 4) if (shot.data[i]! + shot.data[i + 1]! + shot.data[i + 2]! < 3 * 170) dark++;
          return dark;
        };
        for (const l of wrapped.filter((w) => w.y + w.rows * w.row < 16_000).slice(0, 4)) {
          expect(l.position, url).toBe('absolute');
          expect(l.content, url).toContain('↪');
          expect(l.top, url).toBeCloseTo(l.row, 0);
          expect(await ink(l, 0), `${url}: first row`).toBe(0);
          for (let r = 1; r < l.rows; r++) expect(await ink(l, r), `${url}: row ${r + 1}`).toBeGreaterThan(3);
        }
        const single = lines.find((l) => l.rows === 1 && l.y < 16_000)!;
        expect(await ink(single, 0), `${url}: a line that does not wrap`).toBe(0);
      }
    } finally {
      await page.close();
    }
  });

  it(`keeps the Part I drawings' text at ${MIN_LABEL} px or more at ${PHONE} px, in a frame that scrolls sideways, not the page`, async () => {
    const page = await browser().newPage();
    try {
      await page.setViewport({ width: PHONE, height: 844 });
      let figures = 0;
      // The chapter with the drawings last: it stays loaded for the wide screen (no script reads the width).
      expect(scriptsReadingMedia(web, 'part-1/asynchronous-python/index.html')).toEqual([]);
      for (const chapter of ['adjacent-possibilities', 'performance-boost', 'mvp-development', 'asynchronous-python']) {
        await page.goto(pathToFileURL(join(web, `part-1/${chapter}/index.html`)).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const found = await page.evaluate(() => ({
          pageWidth: document.scrollingElement!.scrollWidth,
          frames: [...document.querySelectorAll('.figure-graphic')].map((frame) => {
            const svg = frame.querySelector('svg')!;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * scale);
            return { id: frame.closest('figure')?.id, smallest: Math.min(...sizes), texts: sizes.length, tabIndex: (frame as HTMLElement).tabIndex, scrolls: frame.scrollWidth > frame.clientWidth, overflow: getComputedStyle(frame).overflowX };
          }),
        }));
        expect(found.pageWidth, chapter).toBeLessThanOrEqual(PHONE);
        for (const frame of found.frames) {
          figures++;
          expect(frame.texts, frame.id).toBeGreaterThan(3);
          expect(frame.smallest, frame.id).toBeGreaterThanOrEqual(MIN_LABEL - 0.01);
          expect(frame, frame.id).toMatchObject({ tabIndex: 0, scrolls: true, overflow: 'auto' });
        }
      }
      expect(figures).toBe(5);
      // On a wide screen the drawing fits its column: nothing scrolls.
      await page.setViewport({ width: 1280, height: 900 });
      expect(await page.evaluate(() => [...document.querySelectorAll('.figure-graphic')].filter((f) => f.scrollWidth > f.clientWidth).length)).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('gives the CSV links and the data-table toggle 24 px to tap, and the toggle its disclosure triangle', async () => {
    const page = await browser().newPage();
    try {
      await page.setViewport({ width: PHONE, height: 844 });
      await page.goto(pathToFileURL(join(web, 'part-2/python-now/index.html')).href, { waitUntil: 'load' });
      const targets = await page.evaluate(() => ({
        csv: [...document.querySelectorAll('.chart-download a')].map((a) => a.getBoundingClientRect().height),
        summary: [...document.querySelectorAll('details.chart-data summary')].map((s) => ({ height: s.getBoundingClientRect().height, display: getComputedStyle(s).display })),
      }));
      expect(targets.csv.length).toBeGreaterThan(3);
      for (const h of targets.csv) expect(h).toBeGreaterThanOrEqual(24);
      for (const s of targets.summary) expect(s).toEqual({ height: expect.any(Number), display: 'list-item' });
      for (const s of targets.summary) expect(s.height).toBeGreaterThanOrEqual(24);
    } finally {
      await page.close();
    }
  });

  it('hangs a wrapped code line under its own indent at 390 px (web), not at the left edge', async () => {
    const page = await readAllAtPhone();
    const lines = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('pre.code .line')].map((line) => {
      const range = document.createRange();
      range.selectNodeContents(line);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      // Visual lines: token boxes whose tops differ by less than half a line are on the same one.
      const half = parseFloat(getComputedStyle(line).lineHeight) / 2;
      const tops: number[] = [];
      for (const t of rects.map((r) => r.top).sort((a, b) => a - b)) if (tops.length === 0 || t - tops[tops.length - 1]! > half) tops.push(t);
      const leftOf = (top: number) => Math.min(...rects.filter((r) => r.top >= top - 0.5 && r.top < top + half).map((r) => r.left));
      const indent = /^ */.exec(line.textContent ?? '')![0].length;
      const text = (line.textContent ?? '').trimStart();
      // Where the first non-blank character starts, and where each continuation line starts.
      const first = document.createRange();
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let node: Node | null;
      let firstLeft = NaN;
      let firstTop = NaN;
      while ((node = walker.nextNode())) {
        const i = node.textContent!.search(/\S/);
        if (i >= 0) { first.setStart(node, i); first.setEnd(node, i + 1); ({ left: firstLeft, top: firstTop } = first.getBoundingClientRect()); break; }
      }
      // A line may break after its leading spaces (its code then starts on the next visual
      // line, at the hanging indent): continuations are the visual lines after the code's first.
      return { text: text.slice(0, 40), indent, firstLeft, codeOnFirst: firstTop < tops[0]! + half, continuations: tops.filter((t) => t > firstTop + half).map(leftOf) };
    }));
    const wrapped = lines.filter((l) => l.continuations.length > 0);
    expect(wrapped.length).toBeGreaterThan(3);
    expect(wrapped.some((l) => l.indent > 0)).toBe(true);
    for (const l of wrapped) {
      // Past the code's first character (the hang), or under it when the code itself moved to the hang.
      for (const left of l.continuations) expect(left, `${l.text}: a continuation starts left of the line's code`).toBeGreaterThan(l.firstLeft + (l.codeOnFirst ? 1 : -1));
    }
  });
});
