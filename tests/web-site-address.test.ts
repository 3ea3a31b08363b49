import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

describe.skipIf(!hasValidator('chromium'))('the web edition with a site address (book.yaml `site`)', () => {
  it('makes canonical URLs, og:url, sharing images and the sitemap absolute', async () => {
    const root = await makeFixtureBook({ 'manuscript/book.yaml': (yaml) => yaml.replace('output:', 'site: https://example.org/radar/\noutput:') });
    try {
      await build({ root, only: ['web'], noCache: true });
      const web = join(root, 'dist', 'web');
      const page = await readFile(join(web, 'part-1', 'first-essay', 'index.html'), 'utf8');
      expect(page).toContain('<link rel="canonical" href="https://example.org/radar/part-1/first-essay/">');
      expect(page).toContain('<meta property="og:url" content="https://example.org/radar/part-1/first-essay/">');
      expect(page).toContain('<meta property="og:image" content="https://example.org/radar/og/first-essay.png">');
      const sitemap = await readFile(join(web, 'sitemap.xml'), 'utf8');
      expect(sitemap).toContain('<loc>https://example.org/radar/</loc>');
      expect(sitemap).toContain('<loc>https://example.org/radar/part-1/first-essay/</loc>');
      expect(sitemap).not.toMatch(/<loc>(?!https:)/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
