import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { run } from './helpers/run.js';
import { catalogOf, qpdfJson } from './helpers/qpdf.js';

const dist = inject('reportDist');
const pdf = join(dist, 'python-tech-radar.pdf');

describe.skipIf(!hasValidator('pdfinfo'))('the printed report (PDF) read back with poppler and qpdf', () => {
  it('is tagged and carries the book metadata and language', () => {
    const info = run('pdfinfo', [pdf]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Python Tech Radar/m);
    expect(info).toMatch(/^Author:\s+STX Next$/m);
    expect(info).toMatch(/^Subject:\s+\S+/m);
    expect(info).toMatch(/^Keywords:\s+.*Python/m);
    expect(info).toMatch(/^Page size:\s+594\.96 x 841\.92 pts \(A4\)/m);
    const catalog = catalogOf(qpdfJson(pdf));
    expect(catalog['/Lang']).toBe('u:en');
    expect(catalog['/MarkInfo']).toMatchObject({ '/Marked': true });
  });

  it('embeds every font as a subset, none of them Type 3', () => {
    const rows = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/\+\S+\s+CID TrueType\s+Identity-H\s+yes yes/);
    }
    expect(rows.join('\n')).toMatch(/Inter/);
    expect(rows.join('\n')).toMatch(/SourceSerif4/);
    expect(rows.join('\n')).toMatch(/JetBrainsMono/);
  });

  it('has the chapters\' text, including the authors\' Polish names', () => {
    const text = run('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('Python’s Infinite Adjacent Possibilities');
    expect(text).toContain('Łukasz Langa');
    expect(text).toContain('Szymon Darmofał');
    expect(text).toContain('the adjacent possible');
    expect(text).toMatch(/async def/);
  });

  it('has bookmarks that mirror the contents, each pointing at the page of its heading', () => {
    const json = qpdfJson(pdf);
    const titles = json.outlines.map((o) => o.title);
    expect(titles).toEqual(expect.arrayContaining(['Acknowledgements', 'Part I: The Expert Guide', 'Part II: The Developer Report', 'About STX Next', 'Survey data']));
    const partOne = json.outlines.find((o) => o.title.startsWith('Part I:'))!;
    expect(partOne.kids).toHaveLength(4);
    const text = run('pdftotext', ['-f', String(partOne.destpageposfrom1), '-l', String(partOne.destpageposfrom1), pdf, '-']);
    expect(text).toContain('The Expert Guide');
  });

  it('prints contents page numbers equal to the page each heading is on', () => {
    const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
    const contents = pages.slice(0, 6).join('\n');
    // A wrapped entry has its page number on its last line.
    const entries = [...contents.matchAll(/^\s*(Will Python Ever Become Fully Asynchronous\?|Tools & technologies|Survey data)(?:[^\n]*\n)??[^\n]*?\s(\d+)\s*$/gm)];
    expect(entries.length).toBe(3);
    for (const [, title, page] of entries) {
      const onPage = pages[Number(page) - 1]!.replace(/\s+/g, ' ');
      expect(onPage, `${title} on page ${page}`).toContain(title!);
    }
  });

  it('stays under 8 MB', async () => {
    expect((await readFile(pdf)).length).toBeLessThan(8 * 1024 * 1024);
  });
});
