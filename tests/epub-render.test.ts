import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, openOfflinePage } from '../scripts/render/launch-browser.js';
import { hasValidator } from './helpers/validators.js';
import { unzipEpub } from './helpers/unzip-epub.js';
import { scriptsReadingMedia } from './helpers/media-scripts.js';

const dist = inject('reportDist');
const AXE = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

/** Code and drawn figures; seven charts, commentaries and footnotes; the 28 data tables. */
const CHAPTERS = ['asynchronous-python', 'tools-and-technologies', 'survey-data'] as const;
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'ereader', width: 1072, height: 1448 },
] as const;
/** The reader's own dark theme, as reading systems inject it: plain rules on body. */
const READER_DARK = 'body { background: #000; color: #fff; }';
const THEMES = ['light', 'dark', 'reader-dark'] as const;
type Theme = (typeof THEMES)[number];

interface Rendered {
  readonly overflow: string[];
  readonly contrast: string[];
  readonly charts: Array<{ src: string; width: number; height: number; loaded: boolean }>;
}

describe.skipIf(!hasValidator('chromium'))('the ePub as a reading system shows it (Chromium)', () => {
  let work: string;
  let content: string;
  let browser: Browser;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ptr-epub-render-'));
    content = await unzipEpub(join(dist, 'python-tech-radar.epub'), work);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Opens a chapter in the light theme, the brand fonts loaded. */
  async function open(chapter: string, viewport: { width: number; height: number }) {
    const { page, blocked } = await openOfflinePage(browser, work);
    await page.setViewport({ width: viewport.width, height: viewport.height });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.goto(pathToFileURL(join(content, `${chapter}.xhtml`)).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return { page, blocked };
  }

  /**
   * Shows a theme on the loaded chapter. With no script reading it, a theme is the style sheet's
   * answer to prefers-color-scheme plus, for the reader's own, the rules a reading system
   * injects: switching them on the loaded page lays it out as loading it in that theme does.
   */
  async function showTheme(page: Page, theme: Theme, readerStyle: { remove(): Promise<void> } | undefined) {
    await readerStyle?.remove();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme === 'dark' ? 'dark' : 'light' }]);
    if (theme !== 'reader-dark') return undefined;
    const tag = await page.addStyleTag({ content: READER_DARK });
    return { remove: () => tag.evaluate((el) => el.remove()) };
  }

  for (const chapter of CHAPTERS) {
    for (const viewport of VIEWPORTS) {
      it(`${chapter} at ${viewport.width}×${viewport.height}, light, dark and a reader's dark theme: fits, readable, charts shown`, async () => {
        expect(scriptsReadingMedia(content, `${chapter}.xhtml`)).toEqual([]);
        const { page, blocked } = await open(chapter, viewport);
        try {
          await prepareInspection(page);
          let readerStyle: { remove(): Promise<void> } | undefined;
          for (const theme of THEMES) {
            readerStyle = await showTheme(page, theme, readerStyle);
            const r = await inspect(page);
            const where = `${chapter} ${viewport.name} ${theme}`;
            expect(blocked, `${where}: requests outside the ePub`).toEqual([]);
            expect(r.overflow, `${where}: wider than the screen`).toEqual([]);
            expect(r.contrast, `${where}: axe color-contrast violations`).toEqual([]);
            for (const c of r.charts) expect(c.loaded && c.width > 0 && c.height > 0, `${where}: chart ${c.src} not shown`).toBe(true);
            if (chapter === 'tools-and-technologies') expect(r.charts.length).toBe(7);
          }
        } finally {
          await page.close();
        }
      });
    }
  }

  it('scales every text with the reader\'s font size, set on html or on body', async () => {
    // One page: each reader's size is a style sheet added to it, then taken away again.
    const { page } = await open('tools-and-technologies', VIEWPORTS[1]);
    try {
      const sizes = () => page.evaluate(() => Object.fromEntries(
        ['p', 'h2.chapter-title', 'h3', 'figcaption', 'table.data-table td', 'table.data-table caption', '.commentary-label', '.byline-role']
          .map((sel) => [sel, parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize)]),
      ));
      const base = await sizes();
      for (const css of ['html { font-size: 150%; }', 'body { font-size: 150%; }']) {
        const tag = await page.addStyleTag({ content: css });
        const larger = await sizes();
        await tag.evaluate((el) => el.remove());
        for (const [sel, px] of Object.entries(base)) expect(larger[sel]! / px, `${sel} with ${css}`).toBeCloseTo(1.5, 1);
      }
    } finally {
      await page.close();
    }
  });
});

/** Readies a loaded page for `inspect`, once: axe, and the canvas colour made explicit. */
async function prepareInspection(page: Page): Promise<void> {
  // Same pixels: axe takes a transparent root for white.
  await page.addStyleTag({ content: 'html { background-color: Canvas; }' });
  await page.addScriptTag({ path: AXE });
}

/** Overflow (page and each block), axe's color-contrast rule, and each chart image's state. */
async function inspect(page: Page): Promise<Rendered> {
  return page.evaluate(async () => {
    const root = document.documentElement;
    const overflow: string[] = [];
    if (root.scrollWidth > root.clientWidth) overflow.push(`page: scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > root.clientWidth + 0.5) overflow.push(`${el.tagName.toLowerCase()}.${el.className}: right edge ${Math.round(r.right)} > ${root.clientWidth}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') overflow.push(`${el.tagName.toLowerCase()}.${el.className}: scrolls sideways`);
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    const contrast = result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? v.id}`));
    const charts = [...document.querySelectorAll<HTMLImageElement>('figure.chart img')].map((img) => {
      const r = img.getBoundingClientRect();
      return { src: img.getAttribute('src') ?? '', width: r.width, height: r.height, loaded: img.complete && img.naturalWidth > 0 };
    });
    return { overflow: overflow.slice(0, 20), contrast, charts };
  });
}
