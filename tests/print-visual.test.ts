import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it, inject } from 'vitest';
import { hasValidator } from './helpers/validators.js';
import { run } from './helpers/run.js';
import { pdfPages } from './helpers/pdf-pages.js';

const pdf = join(inject('reportDist'), 'python-tech-radar.pdf');
const REFERENCES = join(import.meta.dirname, 'fixtures', 'print-pages');
/** Share of pixels that may differ (anti-aliasing, font hinting) before a page counts as changed. */
const TOLERANCE = 0.005;

/**
 * Visual regression of chosen pages: rendered with pdftoppm and compared with the committed
 * references. `UPDATE=1` rewrites the references — look at them before committing.
 */
describe.skipIf(!hasValidator('pdftotext'))('print pages look as reviewed', () => {
  const pages = pdfPages(pdf);
  const find = (re: RegExp, from = 1) => pages.findIndex((p, i) => i >= from && re.test(p)) + 1;
  const chosen: Record<string, number> = {
    cover: 1,
    contents: find(/^\s*Contents\s*$/m, 0),
    'chapter-opener': find(/CPython Developer in Residence/),
    'code-page': find(/async def/),
    'chart-page': find(/What is your seniority level\?/, 10),
    commentary: find(/EXPERT COMMENTARY/i, 10),
  };

  for (const [name, page] of Object.entries(chosen)) {
    it(`${name} (page ${page})`, async () => {
      expect(page).toBeGreaterThan(0);
      const dir = await mkdtemp(join(tmpdir(), 'ptr-visual-'));
      run('pdftoppm', ['-png', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(dir, name)]);
      const actualBytes = await readFile(join(dir, `${name}.png`));
      const reference = join(REFERENCES, `${name}.png`);
      if (process.env.UPDATE === '1' || !existsSync(reference)) await writeFile(reference, actualBytes);
      const a = PNG.sync.read(actualBytes);
      const b = PNG.sync.read(await readFile(reference));
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      const diff = new PNG({ width: a.width, height: a.height });
      const changed = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
      if (changed / (a.width * a.height) > TOLERANCE) await writeFile(join(dir, `${name}-diff.png`), PNG.sync.write(diff));
      expect(changed / (a.width * a.height), `${name}: diff image in ${dir}`).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});
