import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { epubcheck } from './helpers/epubcheck.js';

const epubPath = join(inject('reportDist'), 'python-tech-radar.epub');

describe('the ePub edition', () => {
  it.skipIf(!hasValidator('epubcheck'))('passes EPUBCheck with 0 errors and 0 warnings', () => {
    const result = epubcheck(epubPath);
    expect(result, result.output).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });

  it('is a well-formed container: mimetype first and stored, fixed dates, our own metadata', async () => {
    const bytes = await readFile(epubPath);
    // Local file header of the first entry: name "mimetype", compression method 0 (stored).
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0);
    const zip = await JSZip.loadAsync(bytes);
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    expect(opf).toContain('<dc:identifier id="book-id">urn:uuid:6f2b4c1e-9d3a-4c57-8a1e-2f5b7c0d9e41</dc:identifier>');
    expect(opf).toMatch(/<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
    expect(opf).toMatch(/<dc:description>\S[^<]+<\/dc:description>/);
    expect(opf).toMatch(/properties="cover-image"/);
    expect(opf).toMatch(/href="whats-next.xhtml"[^>]*properties="svg"/);
    expect(opf).toContain('schema:accessibilitySummary');
    const dates = new Set(Object.values(zip.files).map((f) => f.date.getTime()));
    expect(dates.size).toBe(1);
  });

  it('keeps the charts\' SVG attributes that epub-gen-memory would strip', async () => {
    const zip = await JSZip.loadAsync(await readFile(epubPath));
    const chapter = await zip.file('OEBPS/who-answered.xhtml')!.async('string');
    expect(chapter).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(chapter).toMatch(/<path[^>]* d="M/);
  });
});
