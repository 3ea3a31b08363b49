import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, inject } from 'vitest';
import { makePressPdf } from '../scripts/print/press-pdf.js';

const MM = 72 / 25.4;

describe('the print-ready (--press) variant', () => {
  it('puts every page on a sheet with 3 mm bleed, crop marks, TrimBox and BleedBox', async () => {
    const pdf = await readFile(join(inject('reportDist'), 'python-tech-radar.pdf'));
    const source = await PDFDocument.load(pdf);
    const press = await PDFDocument.load(await makePressPdf(pdf, { fullBleed: [{ page: 1, color: [0.06, 0.16, 0.32] }] }));
    expect(press.getPageCount()).toBe(source.getPageCount());
    const page = press.getPage(0);
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    expect(trim.width).toBeCloseTo(595, 0);
    expect(trim.height).toBeCloseTo(842, 0);
    expect(bleed.width - trim.width).toBeCloseTo(6 * MM, 1);
    expect(trim.x - bleed.x).toBeCloseTo(3 * MM, 1);
    expect(page.getWidth()).toBeGreaterThan(bleed.width);
  });
});
