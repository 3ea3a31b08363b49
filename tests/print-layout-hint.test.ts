import { execFileSync } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pdf = (root: string, outDir: string, noCache = false) => build({ root, outDir, only: ['pdf'], noCache });

describe.skipIf(!hasValidator('chromium') || !hasValidator('pdftotext'))('a warm build starts its print from the layout the last one settled on', () => {
  it('prints once when the layout holds, again when an edit moved pages, and its pages always match a cold build', async () => {
    const root = await makeFixtureBook();
    try {
      const first = await pdf(root, 'dist');
      expect(first.printPasses).toBe(2);
      const coldText = text(join(root, 'dist', 'fixture-book.pdf'));

      const warm = await pdf(root, 'dist');
      expect(warm.printPasses).toBe(1);
      expect(text(join(root, 'dist', 'fixture-book.pdf'))).toBe(coldText);

      // Two more pages of prose in the first essay: every later page number moves.
      const essay = join(root, 'manuscript/02-first-essay.md');
      const paragraphs = Array.from({ length: 40 }, (_, i) => `An added paragraph, number ${i}, long enough to take a few lines of the printed page and push what follows.`);
      await writeFile(essay, `${(await readFile(essay, 'utf8')).trimEnd()}\n\n${paragraphs.join('\n\n')}\n`);
      const moved = await pdf(root, 'dist');
      expect(moved.printPasses).toBeGreaterThanOrEqual(2);
      await pdf(root, 'cold', true);
      expect(text(join(root, 'dist', 'fixture-book.pdf'))).toBe(text(join(root, 'cold', 'fixture-book.pdf')));

      // A damaged hint is ignored: a plain two-pass print.
      const hints = join(root, '.cache', 'print-layout');
      for (const name of await readdir(hints)) await writeFile(join(hints, name), '{"pages": "not a list"');
      expect((await pdf(root, 'dist')).printPasses).toBe(2);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
