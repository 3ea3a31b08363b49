import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe.skipIf(!hasValidator('chromium'))('reproducible builds', () => {
  // The PDF too: Chromium's tagged-structure ids (node0000NNN, from its accessibility tree) vary
  // between browser runs, and are renamed in document order (print/stable-struct-ids.ts). The
  // second build is a warm one: it prints once, from the layout the first settled on.
  it('two builds of the same sources give a byte-identical PDF, ePub and web edition', async () => {
    const root = await makeFixtureBook();
    await build({ root, outDir: 'dist-a' });
    await build({ root, outDir: 'dist-b' });
    for (const file of ['fixture-book.pdf', 'fixture-book.epub', 'web/index.html', 'web/assets/book.css']) {
      expect(await sha(join(root, 'dist-b', file)), file).toBe(await sha(join(root, 'dist-a', file)));
    }
  });

  it('SOURCE_DATE_EPOCH sets the ePub and PDF dates', async () => {
    const root = await makeFixtureBook();
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      await build({ root, only: ['epub'] });
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await readFile(join(root, 'dist', 'fixture-book.epub')));
    expect(await zip.file('OEBPS/content.opf')!.async('string')).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
  });
});
