import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { buildInProcess } from './helpers/build-in-process.js';
import { runCli } from './helpers/run-cli.js';
import { seedCache, warmCache } from './helpers/warm-cache.js';
import { DiagnosticList, formatDiagnostic } from '../scripts/diagnostics/diagnostic.js';
import { checkFontIntegrity } from '../scripts/fonts/check-font-integrity.js';
import { fontFilePath } from '../scripts/fonts/font-files.js';
import { readBrand } from '../scripts/brand/brand.js';

/**
 * Issue 13, classes 5–9: a hostile or careless contributor, and faults of the machine (a damaged
 * cache, a Ctrl-C, a failing move). The real command line runs on small fixture books (the CSV
 * downloads, a refused source, and --out refused after the first folder, are built in this
 * process and told by the command line's own reportFailure); every refusal leaves the
 * previous dist/ exactly as it was.
 */
const REPO = join(import.meta.dirname, '..');
/** A line of a JavaScript stack trace: never shown without --verbose. */
const STACK_LINE = /^\s+at .+[:(]/m;

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function fixture(edit: Parameters<typeof makeFixtureBook>[0] = {}): Promise<string> {
  const root = await makeFixtureBook(edit);
  roots.push(root);
  return root;
}

/** The real command line as `npm run build` runs it (helpers/run-cli.ts: the bundle, not tsx, ~1 s of CPU less per cold build). */
const cli = runCli;

/**
 * The unbroken book's cache after an ePub and web build (helpers/warm-cache.ts), for the tests
 * that build successfully and are not about a cold build: each makes only what its edit
 * changed, and the damaged-cache test damages a copy of these entries instead of making its own.
 */
const cache = warmCache(['build', '--only', 'epub,web'], roots);

/** A fixture book with a copy of the warm cache. */
async function warmFixture(edit: Parameters<typeof makeFixtureBook>[0] = {}): Promise<string> {
  return seedCache(await fixture(edit), await cache());
}

/** A previous dist/ whose every byte the failed build must leave alone. */
async function seedDist(root: string): Promise<void> {
  await mkdir(join(root, 'dist', 'web'), { recursive: true });
  await writeFile(join(root, 'dist', 'web', 'index.html'), '<!doctype html><title>previous</title>\n');
  await writeFile(join(root, 'dist', 'data-report.md'), '# previous report\n');
}

/** Every file under a folder with the hash of its bytes (empty when the folder is missing). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function stagingFolders(root: string): string[] {
  return readdirSync(root).filter((n) => n.startsWith('.dist-staging-'));
}

describe('5. spreadsheet formulas in the CSV downloads', () => {
  it('writes a formula-like answer label as text in the web edition\'s CSV', async () => {
    // The edited data is never served from the cache (content-addressed): its chart and CSV are made again.
    const root = await warmFixture({
      'charts/data/likes-fixtures.yaml': (t) => t.replace('label: "Yes"', 'label: "=HYPERLINK(\\"http://evil.example\\",\\"Yes\\")"').replace('label: "No"', 'label: "@SUM(1+1)"'),
    });
    const { code, stderr } = await buildInProcess(root, { only: ['web'] });
    expect(code, stderr).toBe(0);
    const csv = await readFile(join(root, 'dist', 'web', 'data', 'likes-fixtures.csv'), 'utf8');
    const rows = csv.split('\r\n');
    expect(rows.find((r) => r.includes('HYPERLINK'))).toContain(`,"'=HYPERLINK(""http://evil.example"",""Yes"")",`);
    expect(rows.find((r) => r.includes('SUM'))).toContain(`,"'@SUM(1+1)",`);
    expect(csv).not.toMatch(/(^|,)[=@+-]/m);
  });
});

describe('6. a damaged cache', () => {
  it('discards truncated chart, chart-image, sharing-image and cover entries with a warning, and ships whole PNGs', async () => {
    // The entries of a first ePub and web build of the unbroken book: a copy of the warm cache.
    const root = await warmFixture();
    const damaged: string[] = [];
    for (const kind of ['charts', 'chart-images', 'og-images', 'cover-image']) {
      const names = (await readdir(join(root, '.cache', kind))).filter((n) => !n.startsWith('.'));
      expect(names.length, kind).toBeGreaterThan(0);
      for (const name of names) {
        const path = join(root, '.cache', kind, name);
        await truncate(path, Math.floor((await stat(path)).size / 2));
        damaged.push(`.cache/${kind}/${name}`);
      }
    }
    // Without the last build's record, the build runs (its sources did not change: it would only say so).
    const forget = () => rm(join(root, '.cache', 'builds'), { recursive: true, force: true });
    await forget();
    const second = await cli(root, ['build', '--only', 'epub,web']);
    expect(second.code, second.stderr).toBe(0);
    for (const entry of damaged) expect(second.stderr).toContain(`${entry}:1:1: warning: cache entry failed its content check`);
    await expectWholePngs(root);
    // The entries were made again: a third build finds nothing to warn about.
    const unchanged = await cli(root, ['build', '--only', 'epub,web']);
    expect(unchanged.stderr, 'nothing changed: the damage is not told again').not.toContain('cache-damaged');
    await forget();
    const third = await cli(root, ['build', '--only', 'epub,web']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/^Built in /m);
    expect(third.stderr).not.toContain('cache-damaged');
  });
});

/** Every PNG of the web edition and the ePub has its signature, IHDR and IEND. */
async function expectWholePngs(root: string): Promise<void> {
  const pngs: Array<[string, Buffer]> = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.name.endsWith('.png')) pngs.push([path, await readFile(path)]);
    }
  };
  await walk(join(root, 'dist', 'web'));
  const zip = await JSZip.loadAsync(await readFile(join(root, 'dist', 'fixture-book.epub')));
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.png'))) pngs.push([name, await zip.file(name)!.async('nodebuffer')]);
  expect(pngs.length).toBeGreaterThan(2);
  for (const [name, png] of pngs) {
    expect(png.subarray(0, 8).toString('hex'), name).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('latin1'), name).toBe('IHDR');
    expect(png.subarray(png.length - 8, png.length - 4).toString('latin1'), name).toBe('IEND');
  }
}

// 7. Ctrl-C: tests/interrupt.test.ts (the build aborted at each stage boundary, and one real SIGINT).

describe('8. publishing and --out', () => {
  it('refuses --out at the project, above it, in a source folder or in a folder with others\' files', async () => {
    const root = await fixture();
    await seedDist(root);
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere', 'notes.txt'), 'mine');
    const before = { dist: snapshot(join(root, 'dist')), manuscript: snapshot(join(root, 'manuscript')), charts: snapshot(join(root, 'charts')), styles: snapshot(join(root, 'styles')), elsewhere: snapshot(join(root, 'elsewhere')) };
    const cases: Array<[string, string]> = [
      ['.', 'is the project folder or a folder that contains it'],
      ['..', 'is the project folder or a folder that contains it'],
      ['manuscript', "is inside the project's manuscript/ folder, which holds sources"],
      ['charts/out', "is inside the project's charts/ folder, which holds sources"],
      ['styles', "is inside the project's styles/ folder, which holds sources"],
      ['elsewhere', 'holds files this build did not write (notes.txt)'],
    ];
    // The first through the real command line; the others are the same refusal, told by the
    // command line's own reportFailure in this process (helpers/build-in-process.ts).
    for (const [i, [out, message]] of cases.entries()) {
      const { code, stderr } = i === 0 ? await cli(root, ['build', '--only', 'web', '--out', out]) : await buildInProcess(root, { only: ['web'], out });
      expect(code, out).toBe(2);
      expect(stderr).toContain(`error: --out ${out}: ${message}`);
      expect(stderr).not.toMatch(STACK_LINE);
    }
    expect({ dist: snapshot(join(root, 'dist')), manuscript: snapshot(join(root, 'manuscript')), charts: snapshot(join(root, 'charts')), styles: snapshot(join(root, 'styles')), elsewhere: snapshot(join(root, 'elsewhere')) }).toEqual(before);
    expect(existsSync(join(root, 'charts', 'out'))).toBe(false);
  });
});

describe('9. limits', () => {
  const deepList = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n');
  const deepQuote = `${'>'.repeat(5000)} deep\n`;
  const bomb = (indent: string) => ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]']
    .map((l) => indent + l).join('\n');

  it('refuses deeply nested lists and block quotes at their place, before they overflow the stack', async () => {
    const root = await fixture({
      'manuscript/02-first-essay.md': (t) => `${t}\n\n${deepList}\n`,
      'manuscript/03-survey.md': (t) => `${t}\n\n${deepQuote}`,
    });
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    const { code, stderr } = await buildInProcess(root, { only: ['web'], noCache: true });
    expect(code, stderr).toBe(1);
    const essay = readFileSync(join(root, 'manuscript', '02-first-essay.md'), 'utf8').split('\n');
    const listLine = essay.findIndex((l) => l.endsWith('- level 65')) + 1;
    expect(stderr).toMatch(new RegExp(`^manuscript/02-first-essay\\.md:${listLine}:\\d+: error: block quotes or lists nested too deeply`, 'm'));
    expect(stderr).toMatch(/^manuscript\/03-survey\.md:\d+:\d+: error: block quotes or lists nested too deeply/m);
    expect(stderr).not.toContain('RangeError');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
    expect(stagingFolders(root)).toEqual([]);
  });

  it('accepts nesting up to the limit', async () => {
    const nested = Array.from({ length: 10 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n');
    const root = await warmFixture({ 'manuscript/02-first-essay.md': (t) => `${t}\n\n${nested}\n\n> > > > quoted\n` });
    const { code, stderr } = await cli(root, ['build', '--only', 'web']);
    expect(code, stderr).toBe(0);
  });

  it('refuses a YAML alias bomb in book.yaml', async () => {
    const root = await fixture({ 'manuscript/book.yaml': (t) => `${t}\nextra:\n${bomb('  ')}\n` });
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    const { code, stderr } = await buildInProcess(root, { only: ['web'], noCache: true });
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/^manuscript\/book\.yaml:\d+:\d+: error: too many YAML aliases/m);
    expect(stderr).not.toContain('ReferenceError');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  });

  it('refuses YAML alias bombs in front matter and survey data, all at once', async () => {
    const root = await fixture({
      'manuscript/02-first-essay.md': (t) => t.replace('kind: essay\n', `kind: essay\nextra:\n${bomb('  ')}\n`),
      'charts/data/likes-fixtures.yaml': (t) => `${t}\nextra:\n${bomb('  ')}\n`,
    });
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    const { code, stderr } = await buildInProcess(root, { only: ['web'], noCache: true });
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/^manuscript\/02-first-essay\.md:\d+:\d+: error: too many YAML aliases/m);
    expect(stderr).toMatch(/^charts\/data\/likes-fixtures\.yaml:\d+:\d+: error: too many YAML aliases/m);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  });

  it('detects a truncated font file instead of letting the PDF fall back to another font', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ptr-font-'));
    roots.push(dir);
    const damaged = join(dir, 'inter-latin-700-normal.woff2');
    await copyFile(fontFilePath({ pkg: 'inter', file: 'inter-latin-700-normal.woff2' }), damaged);
    await truncate(damaged, Math.floor((await stat(damaged)).size / 2));
    const diagnostics = new DiagnosticList();
    await checkFontIntegrity(diagnostics, readBrand(REPO).fonts, (face) => (face.file === 'inter-latin-700-normal.woff2' ? damaged : fontFilePath(face)));
    const manifest = readFileSync(join(REPO, 'package.json'), 'utf8').split('\n');
    const line = manifest.findIndex((l) => l.includes('"@fontsource/inter"')) + 1;
    expect(diagnostics.items.map(formatDiagnostic)).toEqual([
      `package.json:${line}:5: error: font file inter-latin-700-normal.woff2 (Inter 700 normal, latin) of @fontsource/inter is damaged: it cannot be read as a font (truncated or corrupt) [font-damaged]\n` +
      '  hint: the editions would silently fall back to another font: reinstall the package (rm -rf node_modules/@fontsource/inter && npm ci)',
    ]);
    const sound = new DiagnosticList();
    await checkFontIntegrity(sound, readBrand(REPO).fonts);
    expect(sound.items).toEqual([]);
  });
});
