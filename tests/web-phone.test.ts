import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it, inject } from 'vitest';
import { sharedBrowser } from './helpers/shared-browser.js';
import { CHART_SCALE } from '../scripts/render/raster-image.js';
import { measureChartLabels } from './helpers/chart-legibility.js';
import { unzipEpub } from './helpers/unzip-epub.js';
import { hasValidator } from './helpers/validators.js';
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

  it(`keeps every chart label at ${MIN_LABEL} px or more at ${PHONE} px, in light and dark, as it was 7 px`, async () => {
    const page = await browser().newPage();
    try {
      for (const dark of [false, true]) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
        await page.setViewport({ width: PHONE, height: 844 });
        await page.goto(pathToFileURL(join(web, 'all/index.html')).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const sizes = await measureChartLabels(page, MIN_LABEL);
        expect(sizes.charts).toBe(28);
        expect(sizes.texts).toBeGreaterThan(200);
        expect(sizes.below, dark ? 'dark' : 'light').toEqual([]);
        // On a wide screen the wide layout is the one shown.
        await page.setViewport({ width: 1280, height: 900 });
        expect(await page.evaluate(() => [...document.querySelectorAll('svg.chart-narrow')].filter((s) => s.getBoundingClientRect().width > 0).length)).toBe(0);
      }
    } finally {
      await page.close();
    }
  });

  it(`draws the ePub's chart images so that their labels stay at ${MIN_LABEL} px or more shown ${PHONE} px wide`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ptr-phone-epub-'));
    const page = await browser().newPage();
    try {
      const content = await unzipEpub(join(dist, 'python-tech-radar.epub'), dir);
      const sources = new Map<string, string>();
      for (const figure of elements(parsePage(join(web, 'all/index.html')), (e) => e.tagName === 'figure' && hasClass(e, 'chart'))) {
        const html = readFileSync(join(web, 'all/index.html'), 'utf8');
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
      await rm(dir, { recursive: true, force: true });
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
    const page = await browser().newPage();
    try {
      await page.setViewport({ width: PHONE, height: 844 });
      await page.goto(pathToFileURL(join(web, 'all/index.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
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
    } finally {
      await page.close();
    }
  });
});
