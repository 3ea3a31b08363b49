import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { afterAll, describe, expect, it } from 'vitest';
import { overflowDiagnostics, overflowFindings, type OverflowBox } from '../../scripts/print/overflow.js';
import { breakLongUrls } from '../../scripts/print/url-breaks.js';
import { runningHead } from '../../scripts/print/print-document.js';
import { LIMITS } from '../../scripts/config/limits.js';
import type { BookConfig } from '../../scripts/config/load-book.js';

/** A page model: boxes as measureOverflow reports them (index = place in the list). */
const box = (index: number, parent: number, section: string, tag: string, token: string, excess: number): OverflowBox => ({ index, parent, section, tag, token, excess });
const URL = `https://example.com/${'a'.repeat(60)}`;

describe('the preflight rule for boxes wider than the column', () => {
  it('names the innermost box that sticks out, not the boxes around it, once per section and text', () => {
    const boxes = [
      box(0, -1, 'essay', 'table', 'fixture', 40),
      box(1, 0, 'essay', '#text', URL, 40), // the cell's text: named, not the table
      box(2, -1, 'essay', 'svg', '', 19),
      box(3, -1, 'essay', '#text', URL, 40), // the same URL again in the same chapter
      box(4, -1, 'survey', '#text', URL, 3.8),
    ];
    expect(overflowFindings(boxes)).toEqual([
      { section: 'essay', what: `the text "${URL.slice(0, 37)}…" (80 characters without a break)`, token: URL, mm: 11 },
      { section: 'essay', what: 'a drawing', token: '', mm: 6 },
      { section: 'survey', what: `the text "${URL.slice(0, 37)}…" (80 characters without a break)`, token: URL, mm: 2 },
    ]);
  });

  it('has nothing to say of a page where nothing sticks out', () => {
    expect(overflowFindings([])).toEqual([]);
  });

  describe('at the place in the sources', () => {
    let root: string;
    afterAll(() => rm(root, { recursive: true, force: true }));

    it('finds the text in its chapter, a box outside the chapters in the data files, and falls back to the chapter\'s start', async () => {
      root = await mkdtemp(join(tmpdir(), 'ptr-overflow-'));
      await mkdir(join(root, 'manuscript'));
      await mkdir(join(root, 'charts', 'data'), { recursive: true });
      await writeFile(join(root, 'manuscript', '02-essay.md'), `---\ntitle: An essay\nkind: essay\n---\n\nThe first paragraph, see <${URL}>.\n`);
      await writeFile(join(root, 'charts', 'data', 'q.yaml'), `id: q\nanswers:\n  - id: a\n    label: "${'L'.repeat(50)}"\n`);
      const book = { root, configPath: 'manuscript/book.yaml', chapters: ['02-essay.md'] } as unknown as BookConfig;
      const found = await overflowDiagnostics([
        { section: 'essay', what: 'the text', token: `${URL}.`, mm: 3 },
        { section: 'survey-data', what: 'the text', token: 'L'.repeat(50), mm: 3 },
        { section: 'essay', what: 'a drawing', token: '', mm: 3 },
      ], book);
      expect(found.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
        'manuscript/02-essay.md:6:27: the text is 3 mm wider than the printed column: the print would cut it off, or shrink every page to fit it',
        'charts/data/q.yaml:4:13: the text is 3 mm wider than the printed column (in "survey-data"): the print would cut it off, or shrink every page to fit it',
        'manuscript/02-essay.md:1:1: a drawing is 3 mm wider than the printed column: the print would cut it off, or shrink every page to fit it',
      ]);
      expect(found.every((d) => d.severity === 'error' && d.ruleId === 'print-overflow')).toBe(true);
    });
  });
});

describe('line breaks after the slashes of a long URL (print)', () => {
  const html = (tree: Root | Element) => toHtml(tree);

  it('breaks a long URL after each run of slashes, in a link and in running text, not inside a listing', () => {
    const tree = h(null, [
      h('p', ['see ', h('a', { href: URL }, URL), ' and https://example.com/long/path/to/a/page.html']),
      h('pre', h('code', 'https://example.com/long/path/to/a/page.html')),
    ]);
    expect(breakLongUrls(tree)).toBe(8);
    expect(html(tree)).toBe(
      `<p>see <a href="${URL}">https://<wbr>example.com/<wbr>${'a'.repeat(60)}</a> and https://<wbr>example.com/<wbr>long/<wbr>path/<wbr>to/<wbr>a/<wbr>page.html</p>` +
      '<pre><code>https://example.com/long/path/to/a/page.html</code></pre>',
    );
  });

  it('leaves short paths and words alone, and keeps the text as it reads', () => {
    const tree = h(null, [h('p', 'and/or, src/main.py, a very-long-word-without-any-slash-at-all')]);
    expect(breakLongUrls(tree)).toBe(0);
    expect(html(tree)).toBe('<p>and/or, src/main.py, a very-long-word-without-any-slash-at-all</p>');
  });
});

describe('a running head', () => {
  it('is the short title as it is, up to the limit', () => {
    expect(runningHead('An Essay')).toBe('An Essay');
    expect(runningHead('x'.repeat(LIMITS.chapterShort))).toBe('x'.repeat(LIMITS.chapterShort));
  });

  it('cuts a longer title after its last whole word that fits, with an ellipsis, within the limit', () => {
    const head = runningHead(`${'Word '.repeat(40)}end`);
    expect(head.length).toBeLessThanOrEqual(LIMITS.chapterShort);
    expect(head).toMatch(/^(Word )+Word…$/);
    // A title without spaces is cut where it must be.
    expect(runningHead('L'.repeat(199))).toBe(`${'L'.repeat(LIMITS.chapterShort - 1)}…`);
  });
});
