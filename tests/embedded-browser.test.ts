import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { embeddedUnavailable } from '../scripts/render/embedded-browser.js';
import { findBrowser } from '../scripts/render/find-browser.js';
import { catalogOf, qpdfJson, type QpdfJson } from './helpers/qpdf.js';
import { run } from './helpers/run.js';
import { hasValidator } from './helpers/validators.js';

/**
 * The Chromium embedded in @sparticuz/chromium builds the whole report from a folder whose path
 * has spaces, and its PDF matches the one the shared test build printed with the system browser:
 * the same fonts, structure tags, bookmarks and page count.
 */
const REPO = join(import.meta.dirname, '..');
const TSX = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
const SOURCES = ['manuscript', 'charts', 'styles', 'scripts', 'package.json', 'tsconfig.json', '.puppeteerrc.cjs'];
const NAME = 'python-tech-radar';

/** pdffonts' rows without the subset tags (ABCDEF+), which differ from one printing to the next. */
function fonts(pdf: string): string[] {
  return run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean).map((row) => row.replace(/^[A-Z]{6}\+/, '').replace(/\s+\d+\s+\d+\s*$/, '')).sort();
}

/** How many structure elements of each type (P, H1, Table, Figure, Link...) the tag tree holds. */
function tags(json: QpdfJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of Object.values(json.qpdf[1])) {
    const value = object.value as Record<string, unknown> | undefined;
    if (value && typeof value['/S'] === 'string' && '/P' in value) counts[value['/S']] = (counts[value['/S']] ?? 0) + 1;
  }
  return counts;
}

type Outline = Array<{ title: string; page: number; kids: Outline }>;
function bookmarks(items: QpdfJson['outlines']): Outline {
  return items.map((o) => ({ title: o.title, page: o.destpageposfrom1, kids: bookmarks(o.kids) }));
}

const unavailable = embeddedUnavailable();

describe.skipIf(Boolean(unavailable) || !hasValidator('pdffonts'))('the embedded browser', () => {
  let base: string | undefined;
  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('builds the PDF, ePub and web edition from a path with spaces, printing what the system browser prints', async () => {
    base = await mkdtemp(join(tmpdir(), 'ptr spaced '));
    const root = join(base, 'a book folder');
    await mkdir(root);
    await Promise.all(SOURCES.map((s) => cp(join(REPO, s), join(root, s), { recursive: true })));
    await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
    const { PUPPETEER_EXECUTABLE_PATH: _ignored, ...env } = process.env;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', TSX, join(root, 'scripts', 'cli.ts'), 'build', '--verbose'],
        { cwd: root, env: { ...env, PTR_BROWSER: 'embedded', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}${stderr}`)) : resolve(`${stdout}${stderr}`)));
    });
    expect(output).toMatch(/^Browser: embedded HeadlessChrome\/\d+/m);
    const dist = join(root, 'dist');
    for (const file of [`${NAME}.pdf`, `${NAME}.epub`, 'web/index.html']) expect(existsSync(join(dist, file)), file).toBe(true);

    // The shared build used the default browser: the system's where one is installed.
    const system = await findBrowser();
    if (system.source === 'embedded') return;
    const [embeddedPdf, systemPdf] = [join(dist, `${NAME}.pdf`), join(inject('reportDist'), `${NAME}.pdf`)];
    const pages = (pdf: string) => /^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [pdf]))?.[1];
    expect(pages(embeddedPdf)).toBe(pages(systemPdf));
    expect(fonts(embeddedPdf)).toEqual(fonts(systemPdf));
    const [embeddedJson, systemJson] = [qpdfJson(embeddedPdf), qpdfJson(systemPdf)];
    expect(catalogOf(embeddedJson)['/StructTreeRoot']).toBeDefined();
    expect(tags(embeddedJson)).toEqual(tags(systemJson));
    expect(bookmarks(embeddedJson.outlines)).toEqual(bookmarks(systemJson.outlines));
    expect(bookmarks(embeddedJson.outlines).length).toBeGreaterThan(0);
  }, 600_000);
});
