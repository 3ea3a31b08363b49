import { join } from 'node:path';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator, pikepdfPython } from './helpers/validators.js';
import { run } from './helpers/run.js';
import { makePressPdf } from '../scripts/print/press-pdf.js';
import { pressOptions } from './helpers/press-options.js';

const pdf = join(inject('reportDist'), 'python-tech-radar.pdf');
const CHECK = join(import.meta.dirname, 'pdfua', 'check_pdfua.py');

interface Check {
  failures: string[];
  counts: { Figure: number; Table: number; TH: number; headings: number; links: number; artifact_sequences: number; pages: number };
}

describe.skipIf(!hasValidator('pikepdf'))('the PDF against PDF/UA-1 (Matterhorn\'s machine-checkable conditions, read with pikepdf)', () => {
  // One read of the whole book (about 12 s of CPU), shared by the tests below.
  let result: Check | undefined;
  const check = () => (result ??= JSON.parse(run(pikepdfPython()!, [CHECK, pdf])) as Check);

  it('has no failure: language, title shown, XMP pdfuaid:part, role map, figures with alt text, heading order, table headers, link descriptions, tab order, artifacts', () => {
    expect(check().failures).toEqual([]);
  }, 600_000);

  it('has one Figure per chart and drawing (not one per bar), every table a header row, running heads and folios as artifacts', () => {
    const { counts } = check();
    // 28 charts and 5 drawings; the two pull quotes are text, not figures.
    expect(counts.Figure).toBe(33);
    expect(counts.Table).toBe(28);
    expect(counts.TH).toBeGreaterThanOrEqual(counts.Table * 3);
    // At least a running head or a folio on every page but the cover.
    expect(counts.artifact_sequences).toBeGreaterThan(counts.pages);
    expect(counts.links).toBeGreaterThan(50);
  }, 600_000);

  it('finds the faults of an untagged file (the check can fail)', async () => {
    const press = (await makePressPdf(await readFile(pdf), await pressOptions())).bytes;
    const doc = await PDFDocument.load(press, { updateMetadata: false });
    // The press PDF drops the tags, and says so.
    expect(doc.getSubject()).toMatch(/carries no tags and is not accessible/);
    const file = join(await mkdtemp(join(tmpdir(), 'ptr-pdfua-')), 'press.pdf');
    await writeFile(file, press);
    const result = JSON.parse(run(pikepdfPython()!, [CHECK, file])) as Check;
    expect(result.failures).toContain('no structure tree');
  });
});
