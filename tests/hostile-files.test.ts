import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../scripts/config/limits.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { runCli } from './helpers/run-cli.js';
import { seedCache, warmCache } from './helpers/warm-cache.js';

/**
 * Issue 21, classes 3, 9, the file-size limits of class 4 and the read-only cache of class 8,
 * through the real command line on copies of the fixture book: a build never removes a file no
 * build wrote; a source that is not a regular file, or is larger than its kind may be, is
 * refused at the place that names it (and the build ends: a FIFO read would block it forever,
 * so these tests finish only because it is refused); a cache folder that cannot be written is
 * built without, with one warning. Every refusal leaves the previous output as it was. Sources
 * refused in the same stage are broken together in one book and one build (the build reports
 * every error of a stage at once), each test reading its own located errors from it; a book
 * whose test is not about a cold cache starts from the unbroken book's warm one.
 */
const STACK_LINE = /^\s+at .+[:(]/m;

const roots: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) s.close();
  for (const root of roots) await chmod(join(root, '.cache'), 0o755).catch(() => undefined);
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

async function fixture(): Promise<string> {
  const root = await makeFixtureBook();
  roots.push(root);
  return root;
}

/** The unbroken book's cache after a web-only build, for the books below that are not about a cold cache. */
const cache = warmCache(['build', '--only', 'web'], roots);
async function warmFixture(): Promise<string> {
  return seedCache(await fixture(), await cache());
}

interface RefusedRun {
  readonly root: string;
  readonly code: number;
  readonly stderr: string;
  /** dist/ before the build (seedDist's). */
  readonly before: Record<string, string>;
}

/**
 * A book broken by `breakIt` (several sources, each a test's), given a previous dist/ and built
 * web-only once, when a test first asks for it: each test reads its own errors from the one run.
 */
function refusedOnce(book: () => Promise<string>, breakIt: (root: string) => Promise<void>): () => Promise<RefusedRun> {
  let made: Promise<RefusedRun> | undefined;
  return () => (made ??= (async () => {
    const root = await book();
    await breakIt(root);
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    const { code, stderr } = await runCli(root, ['build', '--only', 'web']);
    return { root, code, stderr, before };
  })());
}

/** A previous dist/ (what an earlier build left) whose every byte a refused build must leave alone. */
async function seedDist(root: string): Promise<void> {
  await mkdir(join(root, 'dist', 'web'), { recursive: true });
  await writeFile(join(root, 'dist', 'web', 'index.html'), '<!doctype html><title>previous</title>\n');
  await writeFile(join(root, 'dist', 'data-report.md'), '# previous report\n');
}

/** Every entry under a folder (a link as its target's name, never followed) with the hash of a file's bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isSymbolicLink()) out[relative(dir, path)] = `-> ${readlinkSync(path)}`;
      else if (e.isDirectory()) walk(path);
      else out[relative(dir, path)] = e.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'special';
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Replaces a file of the book with a FIFO: reading it would wait for a writer that never comes. */
async function makeFifo(root: string, path: string): Promise<void> {
  await rm(join(root, path), { force: true });
  execFileSync('mkfifo', [join(root, path)]);
}

describe('3. --out never removes a file no build wrote', () => {
  /** A folder of the author's beside the book, refused before any work: exit 2, the files named, nothing changed. */
  async function expectRefused(root: string, out: string, named: string): Promise<void> {
    const before = snapshot(join(root, out));
    const parent = snapshot(root);
    const { code, stderr, stdout } = await runCli(root, ['build', '--only', 'web', '--out', out]);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(`error: --out ${out}: holds files this build did not write (${named}); nothing was written`);
    expect(stderr).toContain('hint: choose an empty folder, or delete those files yourself first: a build never removes a file it did not write');
    expect(stderr).not.toMatch(STACK_LINE);
    // Refused before any work: no stage ran.
    expect(stdout + stderr).not.toContain('✓ load');
    expect(snapshot(join(root, out))).toEqual(before);
    expect(snapshot(root)).toEqual(parent);
  }

  it("refuses a folder holding the author's own web/blog/index.html (no manifest)", async () => {
    const root = await fixture();
    await mkdir(join(root, 'site', 'web', 'blog'), { recursive: true });
    await writeFile(join(root, 'site', 'web', 'blog', 'index.html'), '<p>my blog</p>');
    await expectRefused(root, 'site', 'web/blog/index.html');
  });

  it("refuses a folder holding the author's own data-report.md (no manifest)", async () => {
    const root = await fixture();
    await mkdir(join(root, 'notes'));
    await writeFile(join(root, 'notes', 'data-report.md'), '# my own analysis\n');
    await expectRefused(root, 'notes', 'data-report.md');
  });

  it("refuses a folder holding the author's own fixture-book.pdf (no manifest), though this build writes only the web edition", async () => {
    const root = await fixture();
    await mkdir(join(root, 'print'));
    await writeFile(join(root, 'print', 'fixture-book.pdf'), '%PDF-1.7 my proof copy');
    await expectRefused(root, 'print', 'fixture-book.pdf');
  });

  it("builds twice into a folder of its own, then refuses it once the author added a page to its web/", async () => {
    // Not about a cold build: the first starts from the unbroken book's warm cache.
    const root = await warmFixture();
    const first = await runCli(root, ['build', '--only', 'web', '--out', 'site']);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(root, ['build', '--only', 'web', '--out', 'site']);
    expect(again.code, again.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(root, 'site', '.ptr-outputs.json'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files['web/index.html']).toBe(createHash('sha256').update(await readFile(join(root, 'site', 'web', 'index.html'))).digest('hex'));
    await mkdir(join(root, 'site', 'web', 'blog'));
    await writeFile(join(root, 'site', 'web', 'blog', 'index.html'), '<p>my blog</p>');
    await expectRefused(root, 'site', 'web/blog/index.html');
  });

  it('refuses a `web` that is a link out of the folder, and leaves the link and what it leads to alone', async () => {
    const root = await fixture();
    await mkdir(join(root, 'my-site'));
    await writeFile(join(root, 'my-site', 'index.html'), '<p>my site</p>');
    await mkdir(join(root, 'site'));
    await symlink(join(root, 'my-site'), join(root, 'site', 'web'));
    await expectRefused(root, 'site', 'web (a symbolic link)');
    expect(await readFile(join(root, 'my-site', 'index.html'), 'utf8')).toBe('<p>my site</p>');
  });

  it('refuses a manifest naming ../x, and leaves ../x alone', async () => {
    const root = await fixture();
    await mkdir(join(root, 'site'));
    await writeFile(join(root, 'x'), 'mine');
    await writeFile(join(root, 'site', '.ptr-outputs.json'), JSON.stringify({ version: 2, files: { '../x': '0'.repeat(64) } }));
    const before = snapshot(root);
    const { code, stderr } = await runCli(root, ['build', '--only', 'web', '--out', 'site']);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('error: --out site: its .ptr-outputs.json lists "../x", which is not a path inside the folder: no build wrote it; nothing was written');
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('9. special files are refused at the place that names them', () => {
  /** A build that must end with these errors (among those of the other sources broken with it), dist/ as it was. */
  async function expectErrors(refused: () => Promise<RefusedRun>, lines: string[]): Promise<void> {
    const { root, code, stderr, before } = await refused();
    expect(code, stderr).toBe(1);
    for (const line of lines) expect(stderr).toContain(line);
    expect(stderr).toMatch(/\d+ errors? in \d+ files?, \d+ warnings?; dist\/ was not changed\./);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  }

  /** Refused while loading: the chapter and the chart data, FIFOs in one book. */
  const loading = refusedOnce(fixture, async (root) => {
    await makeFifo(root, 'manuscript/02-first-essay.md');
    await makeFifo(root, 'charts/data/likes-fixtures.yaml');
  });
  /** Refused while compiling (after the charts, from the warm cache): the style sheet and the figure, FIFOs in one book. */
  const compiling = refusedOnce(warmFixture, async (root) => {
    await makeFifo(root, 'styles/screen.css');
    await makeFifo(root, 'manuscript/figures/box.svg');
  });

  it('a chapter that is a FIFO', async () => {
    await expectErrors(loading, [
      'manuscript/book.yaml:16:5: error: chapter manuscript/02-first-essay.md is not a regular file (a FIFO) [not-regular-file]',
      'hint: the build reads only regular files: put the file itself at manuscript/02-first-essay.md',
    ]);
  });

  it('a chapter that is a socket, and one that is a folder', async () => {
    // The chapter the FIFO case breaks: a book of its own.
    await expectErrors(refusedOnce(fixture, async (root) => {
      await rm(join(root, 'manuscript', '02-first-essay.md'));
      const server = createServer().listen(join(root, 'manuscript', '02-first-essay.md'));
      servers.push(server);
      await new Promise((done) => server.once('listening', done));
      await rm(join(root, 'manuscript', '03-survey.md'));
      await mkdir(join(root, 'manuscript', '03-survey.md'));
    }), [
      'manuscript/book.yaml:16:5: error: chapter manuscript/02-first-essay.md is not a regular file (a socket) [not-regular-file]',
      'manuscript/book.yaml:17:5: error: chapter manuscript/03-survey.md is not a regular file (a folder) [not-regular-file]',
    ]);
  });

  it('a chart data file that is a FIFO', async () => {
    await expectErrors(loading, ['charts/data/likes-fixtures.yaml:1:1: error: charts/data/likes-fixtures.yaml is not a regular file (a FIFO) [not-regular-file]']);
  });

  it('a style sheet that is a FIFO', async () => {
    await expectErrors(compiling, ['styles/screen.css:1:1: error: styles/screen.css is not a regular file (a FIFO) [not-regular-file]']);
  });

  it('a figure that is a FIFO', async () => {
    await expectErrors(compiling, ['manuscript/02-first-essay.md:27:1: error: figure manuscript/figures/box.svg is not a regular file (a FIFO)']);
  });
});

describe('4. a source larger than its kind may be is refused before it is read', () => {
  /** Sizes just over a limit are given in bytes; how many depends on the fixture's text. */
  async function expectErrors(refused: () => Promise<RefusedRun>, lines: Array<string | RegExp>): Promise<void> {
    const { root, code, stderr, before } = await refused();
    expect(code, stderr).toBe(1);
    for (const line of lines) {
      if (typeof line === 'string') expect(stderr).toContain(line);
      else expect(stderr).toMatch(line);
    }
    expect(stderr).not.toMatch(STACK_LINE);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  }

  /** Refused while compiling (after the charts, from the warm cache): the style sheet and the figure, too large, in one book. */
  const compiling = refusedOnce(warmFixture, async (root) => {
    await writeFile(join(root, 'styles', 'screen.css'), `${'/* padding */\n'.repeat(LIMITS.fileBytes.styleSheet / 14)}`.repeat(3));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(LIMITS.fileBytes.figure / 28 * 2)}</svg>`;
    await writeFile(join(root, 'manuscript', 'figures', 'box.svg'), svg);
  });

  it('a chapter over 2 MB (one long paragraph) and a data file over 1 MB, both at once', async () => {
    // Refused while loading, which stops the build before the compiling cases: a book of its own.
    await expectErrors(refusedOnce(fixture, async (root) => {
      const chapter = join(root, 'manuscript', '02-first-essay.md');
      await writeFile(chapter, `${await readFile(chapter, 'utf8')}\n${'word '.repeat(LIMITS.fileBytes.chapter / 5 + 100)}\n`);
      const data = join(root, 'charts', 'data', 'likes-fixtures.yaml');
      await writeFile(data, `${await readFile(data, 'utf8')}\n${'# padding\n'.repeat(LIMITS.fileBytes.data / 10 + 10)}`);
    }), [
      /^manuscript\/book\.yaml:16:5: error: chapter manuscript\/02-first-essay\.md is 2,09\d,\d{3} bytes, larger than the 2 MB a chapter may be \[file-too-large\]$/m,
      'hint: split it into several chapters (manuscript/book.yaml lists them)',
      /^charts\/data\/likes-fixtures\.yaml:1:1: error: charts\/data\/likes-fixtures\.yaml is 1,04\d,\d{3} bytes, larger than the 1 MB a data file may be \[file-too-large\]$/m,
    ]);
  });

  it('a style sheet over 1 MB', async () => {
    await expectErrors(compiling, ['styles/screen.css:1:1: error: styles/screen.css is 3 MB, larger than the 1 MB a style sheet may be [file-too-large]']);
  });

  it('an SVG figure over 5 MB, at the chapter that shows it, before it is parsed', async () => {
    await expectErrors(compiling, [
      'manuscript/02-first-essay.md:27:1: error: figure manuscript/figures/box.svg is 10 MB, larger than the 5 MB an SVG figure may be [figure]',
      'hint: simplify the drawing or optimise the SVG (e.g. with svgo): fewer points, no embedded images',
    ]);
  });
});

describe('8. a cache folder that cannot be written', () => {
  const WARNING = /^\.cache\/:1:1: warning: the cache folder cannot be written \((\w+)[^)]*\): building without it \[cache-unwritable\]$/gm;

  /** The build succeeds, says so once, and writes the web edition. */
  async function expectBuiltWithout(root: string, code: string): Promise<void> {
    const run = await runCli(root, ['build', '--only', 'web']);
    expect(run.code, run.stderr).toBe(0);
    const warnings = [...run.stderr.matchAll(WARNING)];
    expect(warnings.map((w) => w[1])).toEqual([code]);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(root, 'dist', 'web', 'index.html'))).toBe(true);
  }

  it('`.cache` a file: built without it', async () => {
    const root = await fixture();
    await writeFile(join(root, '.cache'), 'not a folder');
    await expectBuiltWithout(root, 'EEXIST');
    expect(await readFile(join(root, '.cache'), 'utf8')).toBe('not a folder');
  });

  it("`.cache/chapters` a file: the store stops writing at the first failure and the build goes on", async () => {
    const root = await fixture();
    await mkdir(join(root, '.cache'));
    await writeFile(join(root, '.cache', 'chapters'), 'not a folder');
    await expectBuiltWithout(root, 'EEXIST');
  });

  it.skipIf(process.getuid?.() === 0)('a read-only `.cache/` (not as root, whom permissions do not stop): built without it', async () => {
    const root = await fixture();
    const warm = await runCli(root, ['build', '--only', 'web']);
    expect(warm.code, warm.stderr).toBe(0);
    await chmod(join(root, '.cache'), 0o555);
    await expectBuiltWithout(root, 'EACCES');
  });

  it('a cache entry replaced by a FIFO is damage: discarded with a warning, never read (it would block the build)', async () => {
    // A warm cache: the unbroken book's, as its own first build would have left it.
    const root = await warmFixture();
    const entry = readdirSync(join(root, '.cache', 'chapters')).filter((name) => !name.startsWith('.')).sort()[0]!;
    await makeFifo(root, `.cache/chapters/${entry}`);
    // Nothing changed would read no entry: the record of the last build goes, so this one runs.
    await rm(join(root, '.cache', 'builds'), { recursive: true, force: true });
    const run = await runCli(root, ['build', '--only', 'web']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`.cache/chapters/${entry}:1:1: warning: cache entry failed its content check (truncated or damaged): discarded and made again [cache-damaged]`);
    expect(run.stderr).not.toContain('cache-unwritable');
  });

  it('`--no-cache` with `.cache` a file: nothing to say', async () => {
    const root = await fixture();
    await writeFile(join(root, '.cache'), 'not a folder');
    const run = await runCli(root, ['build', '--only', 'web', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('cache-unwritable');
  });
});

