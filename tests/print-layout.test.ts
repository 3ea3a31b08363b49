import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { pageLines, pdfPages, printedContents, squash } from './helpers/pdf-pages.js';
import { qpdfJson } from './helpers/qpdf.js';
import { loadBookConfig } from '../scripts/config/load-book.js';
import { loadChapters } from '../scripts/chapters/load-chapters.js';

const pdf = join(inject('reportDist'), 'python-tech-radar.pdf');

describe.skipIf(!hasValidator('pdftotext'))('print layout, read back from the PDF', () => {
  const pages = pdfPages(pdf);
  const contents = printedContents(pages);

  it('lists the parts, chapters and sections with page numbers', () => {
    expect(contents.length).toBeGreaterThan(60);
    expect(contents.map((c) => c.title)).toEqual(expect.arrayContaining(['Part I: The Expert Guide', 'Survey data']));
  });

  it('gives every contents entry the page its heading is printed on', () => {
    const wrong = contents.filter(({ title, page }) => {
      // The byline printed after a chapter title is not part of the heading.
      const heading = title.replace(/ — [^—]+$/, '').replace(/^Part I+: /, '');
      return !squash(pages[page - 1] ?? '').includes(heading.slice(0, 40));
    });
    expect(wrong).toEqual([]);
  });

  it('prints each page\'s folio as its page number, except on the cover and openers', () => {
    const footers = pages.map((p) => p.trimEnd().split('\n').at(-1)!.trim());
    const numbered = footers.map((f, i) => ({ page: i + 1, f })).filter(({ f, page }) => page > 1 && /^\d+$/.test(f));
    expect(numbered.length).toBeGreaterThan(pages.length * 0.8);
    for (const { page, f } of numbered) expect(Number(f)).toBe(page);
    expect(footers[0]).not.toBe('1');
  });

  it('heads every body page with the short title of its chapter', async () => {
    const book = await loadBookConfig(process.cwd());
    const shortByTitle = new Map((await loadChapters(book)).map((c) => [c.meta.title, c.meta.short ?? c.meta.title]));
    // From the first part on: the front matter and the contents carry no running header.
    const all = qpdfJson(pdf).outlines;
    const outline = all.slice(all.findIndex((o) => o.kids.length > 0)).flatMap((o) => (o.kids.length > 0 ? o.kids : [o]));
    const partOpeners = new Set(all.filter((o) => o.kids.length > 0).map((o) => o.destpageposfrom1));
    const starts = outline.map((o) => o.destpageposfrom1);
    const checked: number[] = [];
    outline.forEach((chapter, i) => {
      const end = (starts[i + 1] ?? pages.length + 1) - 1;
      for (let page = chapter.destpageposfrom1 + 1; page <= end; page++) {
        const first = pages[page - 1]!.split('\n').find((l) => l.trim())?.trim() ?? '';
        if (/^\d+$/.test(first) || first === '' || partOpeners.has(page)) continue; // blank verso, part opener
        checked.push(page);
        expect(first, `running header of page ${page}`).toBe(shortByTitle.get(chapter.title) ?? chapter.title);
      }
    });
    expect(checked.length).toBeGreaterThan(pages.length * 0.6);
    const heads = new Set(checked.map((p) => pages[p - 1]!.split('\n').find((l) => l.trim())!.trim()));
    expect([...heads]).toEqual(expect.arrayContaining(['Fully Asynchronous Python?', 'MVP Development', 'Python now', 'Tools & technologies']));
  });

  it('starts parts and report sections on right-hand (odd) pages', () => {
    const openers = qpdfJson(pdf).outlines.flatMap((o) => [o, ...o.kids]).filter((o) => /^(Part I|Part II|Who answered|Python now|Education|Tools|What’s NEXT)/.test(o.title));
    expect(openers.length).toBe(7);
    for (const o of openers) expect(o.destpageposfrom1 % 2, o.title).toBe(1);
  });
});

describe.skipIf(!hasValidator('pdftotext'))('print layout: keeping things together', () => {
  const pages = pdfPages(pdf);
  const contentsPages = new Set(pages.map((p, i) => (/^\s*Contents\s*$/m.test(p) || /\.{5,}|\s{3,}\d+$/m.test(p.split('\n').slice(0, 4).join('\n')) ? i : -1)).filter((i) => i >= 0));

  it('never leaves a section heading in the last lines of a page', async () => {
    const html = await readFile(join(inject('reportDist'), 'web', 'index.html'), 'utf8');
    const headings = [...html.matchAll(/<h[3-5][^>]*>([\s\S]*?)<\/h[3-5]>/g)]
      .map((m) => squash(m[1]!.replace(/<[^>]+>/g, '').replace(/&#x26;|&amp;/g, '&')))
      .filter((t) => t.length > 12);
    const orphans: string[] = [];
    pages.forEach((text, i) => {
      if (contentsPages.has(i)) return;
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(1, -1); // header … folio
      const tail = lines.slice(-2);
      for (const heading of headings) {
        if (tail.some((line) => line.length >= Math.min(heading.length, 30) && heading.startsWith(line.slice(0, 30)))) orphans.push(`page ${i + 1}: ${heading}`);
      }
    });
    expect(orphans).toEqual([]);
  });

  it('marks a listing "continued" at the top of each page it goes on to, and leaves at least three of its lines on each side', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const { pageGeometry } = await import('../scripts/print/page-geometry.js');
    const { blockOf, readStructTree } = await import('../scripts/print/struct-tree.js');
    const doc = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
    const tree = readStructTree(doc);
    // Each page's blocks of text, top to bottom, with the baselines each has on that page.
    const blocks = doc.getPages().map((p, i) => {
      const lines = new Map<object, Set<number>>();
      for (const e of pageGeometry(p).filter((x) => x.mcid !== undefined && !x.artifact && x.baselines.size > 0).sort((a, b) => b.top - a.top)) {
        const owner = tree.owners[i]!.get(e.mcid!);
        if (!owner) continue;
        const block = blockOf(owner);
        lines.set(block, new Set([...lines.get(block) ?? [], ...e.baselines]));
      }
      return [...lines].map(([block, baselines]) => ({ block: block as { type: string }, lines: baselines.size }));
    });
    const continuing: number[] = [];
    for (let i = 1; i < blocks.length; i++) {
      const [first] = blocks[i]!;
      const last = blocks[i - 1]!.at(-1);
      if (!first || first.block !== last?.block || first.block.type !== 'Code') continue;
      continuing.push(i + 1);
      expect([last.lines, first.lines], `listing broken between pp. ${i} and ${i + 1}`).toEqual([expect.toSatisfy((n: number) => n >= 3), expect.toSatisfy((n: number) => n >= 3)]);
    }
    // The report has listings that break: otherwise this test would check nothing.
    expect(continuing.length).toBeGreaterThan(0);
    const marked = pages.flatMap((p, i) => (pageLines(p).slice(1, 3).includes('continued') ? [i + 1] : []));
    expect(marked).toEqual(continuing);
  });

  it('keeps each chart\'s title on the same page as its bars', async () => {
    const { loadSurvey } = await import('../scripts/survey/load-survey.js');
    const survey = await loadSurvey(process.cwd());
    for (const q of survey.questions.values()) {
      const titleStart = squash(q.title).slice(0, 30);
      const page = pages.findIndex((p, i) => !contentsPages.has(i) && squash(p).includes(titleStart) && squash(p).includes(q.answers[0]!.shareText));
      expect(page, q.id).toBeGreaterThanOrEqual(0);
    }
  });
});
