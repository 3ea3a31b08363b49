import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { csvField } from '../scripts/web/chart-csv.js';
import { DiagnosticList, formatDiagnostic } from '../scripts/diagnostics/diagnostic.js';
import { checkFontIntegrity } from '../scripts/fonts/check-font-integrity.js';
import { fontFilePath } from '../scripts/fonts/font-files.js';
import { createStaging, makeFolder, makeFoldersBelow, removeStaleStaging } from '../scripts/publish/staging.js';

/**
 * Issue 13, classes 5–9: a hostile or careless contributor, and faults of the machine (a damaged
 * cache, a Ctrl-C, a failing move). The real command line runs on small fixture books; every
 * refusal leaves the previous dist/ exactly as it was.
 */
const REPO = join(import.meta.dirname, '..');
const TSX = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
const CLI = join(REPO, 'scripts', 'cli.ts');
/**
 * What `npm run build` runs (the CLI's bundle). Not tsx: a terminal's Ctrl-C reaches tsx's
 * esbuild service process too, and a module first loaded after it (an output's lazy import)
 * then ends node with exit 1 from tsx's loader thread.
 */
const LAUNCH = join(REPO, 'scripts', 'cli', 'launch.mjs');
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

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
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
  it('defuses every cell a spreadsheet would run, as OWASP recommends', () => {
    for (const cell of ['=1+2', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil.example","Yes")']) {
      expect(csvField(cell)).toBe(`"'${cell.replace(/"/g, '""')}"`);
    }
    expect(csvField('Yes, a lot')).toBe('"Yes, a lot"');
    expect(csvField('54.9%')).toBe('54.9%');
  });

  it('writes a formula-like answer label as text in the web edition\'s CSV', async () => {
    const root = await fixture({
      'charts/data/likes-fixtures.yaml': (t) => t.replace('label: "Yes"', 'label: "=HYPERLINK(\\"http://evil.example\\",\\"Yes\\")"').replace('label: "No"', 'label: "@SUM(1+1)"'),
    });
    const { code, stderr } = await cli(root, ['build', '--only', 'web', '--no-cache']);
    expect(code, stderr).toBe(0);
    const csv = await readFile(join(root, 'dist', 'web', 'data', 'likes-fixtures.csv'), 'utf8');
    const rows = csv.split('\r\n');
    expect(rows.find((r) => r.includes('HYPERLINK'))).toContain(`,"'=HYPERLINK(""http://evil.example"",""Yes"")",`);
    expect(rows.find((r) => r.includes('SUM'))).toContain(`,"'@SUM(1+1)",`);
    expect(csv).not.toMatch(/(^|,)[=@+\-]/m);
  });
});

describe('6. a damaged cache', () => {
  it('discards truncated chart, chart-image, sharing-image and cover entries with a warning, and ships whole PNGs', async () => {
    const root = await fixture();
    const first = await cli(root, ['build', '--only', 'epub,web']);
    expect(first.code, first.stderr).toBe(0);
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

describe('7. Ctrl-C during a cold build', () => {
  /**
   * The processes of one build: a build's Chromium has its profile under the build's own
   * temp folder (TMPDIR), so other builds' browsers on this machine are not counted.
   */
  function processesOf(marker: string, groups: Set<number>): string[] {
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        // Chromium's helpers (crash handler, zygote) do not name the profile: they share its group.
        if (cmdline.includes(marker) && /chrom/i.test(cmdline)) groups.add(pgid);
        if (cmdline.includes(marker) || groups.has(pgid)) found.push(`${pid} ${readlinkSync(`/proc/${pid}/exe`)} ${cmdline.slice(0, 120)}`);
      } catch {
        // gone meanwhile
      }
    }
    return found;
  }

  async function interrupt(root: string, moments: ReadonlyArray<number | string>): Promise<{ code: number | string | null; stopMs: number; stderr: string; left: string[] }> {
    const temp = join(root, '.tmp');
    await mkdir(temp, { recursive: true });
    const child = spawn(process.execPath, [LAUNCH, 'build', '--no-cache'], {
      cwd: root, detached: true, env: { ...process.env, NO_COLOR: '1', TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Before the CLI has set up its handler, Ctrl-C ends node at once (nothing started yet): exit by SIGINT.
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    const groups = new Set<number>();
    const watch = setInterval(() => processesOf(temp, groups), 100);
    let signalled = 0;
    for (const at of moments) {
      // A moment is the build's report of a stage, then 200 ms more; a number is that many ms
      // after the previous Ctrl-C (0: at once, for a double Ctrl-C).
      const reached = typeof at === 'number'
        ? new Promise((r) => setTimeout(r, at))
        : new Promise<void>((r) => {
          const check = () => (stderr.includes(at) ? setTimeout(r, 200) : setTimeout(check, 20));
          check();
        });
      await Promise.race([reached, exited]);
      if (child.exitCode !== null) break;
      signalled = performance.now();
      // As a terminal does: to the whole foreground process group.
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        break; // the whole group has exited already
      }
    }
    const code = await exited;
    const stopMs = signalled ? performance.now() - signalled : 0;
    // 'exit' can come before the last of stderr has been read: wait for its end (briefly).
    await Promise.race([new Promise((r) => child.stderr.once('end', r)), new Promise((r) => setTimeout(r, 1000))]);
    clearInterval(watch);
    // Give the kernel a moment to reap what the build killed as it exited.
    let left = processesOf(temp, groups);
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = processesOf(temp, groups);
    }
    return { code, stopMs, stderr, left };
  }

  it('stops at every moment, single or double Ctrl-C, leaving no browser, no staging folder and dist/ as it was', async () => {
    const root = await fixture();
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    // The moments the build reports (its stages), not seconds after the start: a fixed moment
    // falls after the end of a fast build, or before node has loaded on a busy machine. At once
    // (node still loading, no handler yet), once the config is read (the loaders at work),
    // Chromium starting with the charts, the chapters compiling, the outputs being written.
    const runs: Array<[string, Array<number | string>]> = [
      ['at once', [0]], ['after the config', ['✓ config']],
      ['while the charts render', ['✓ load']], ['while the chapters compile', ['✓ charts']], ['while the outputs are written', ['✓ compile']],
      ['double after the config', ['✓ config', 0]], ['double while the charts render', ['✓ load', 0]], ['double while the outputs are written', ['✓ compile', 0]],
    ];
    const stops: string[] = [];
    for (const [name, moments] of runs) {
      const run = await interrupt(root, moments);
      stops.push(`${name}: exit ${run.code}, stopped ${Math.round(run.stopMs)} ms after the last Ctrl-C`);
      console.log(stops.at(-1), process.env.SHOW_STDERR ? run.stderr : '');
      expect(run.left, name).toEqual([]);
      expect(stagingFolders(root), name).toEqual([]);
      expect(snapshot(join(root, 'dist')), name).toEqual(before);
      // 130 when it wound down or a second Ctrl-C ended it; SIGKILL when the watchdog ended a build
      // whose thread was busy; SIGINT when node had not yet set up its handler (nothing started).
      expect([130, 'SIGKILL', 'SIGINT'], `${name}\n${run.stderr}`).toContain(run.code);
      expect(run.stderr, name).not.toMatch(STACK_LINE);
    }
    // The stop times are measured, not asserted (tests never assert a duration): see the log.
    console.log(`Ctrl-C stop times:\n  ${stops.join('\n  ')}`);
  });

  it('a late write into a removed staging folder fails instead of making the folder again', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-staging-'));
    roots.push(parent);
    const stage = join(parent, '.dist-staging-1-x');
    await mkdir(stage);
    await makeFoldersBelow(stage, [join(stage, 'web', 'part-1', 'essay'), join(stage, 'web', 'assets')]);
    expect(readdirSync(join(stage, 'web')).sort()).toEqual(['assets', 'part-1']);
    await rm(stage, { recursive: true });
    await expect(makeFoldersBelow(stage, [join(stage, 'web', 'part-1')])).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(makeFolder(join(stage, '.print'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a later build removes staging folders whose build is gone, and keeps those of a running one', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-staging-'));
    roots.push(parent);
    const outDir = join(parent, 'dist');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (const [name, lock] of [['.dist-staging-dead', String(dead)], ['.dist-staging-live', String(process.pid)]] as const) {
      await mkdir(join(parent, name));
      await writeFile(join(parent, name, '.lock'), lock);
      await writeFile(join(parent, name, 'half.pdf'), 'half');
    }
    await mkdir(join(parent, '.dist-staging-fresh'));
    // No lock (a late write of a stopped build made it again): the id in its name tells.
    await mkdir(join(parent, `.dist-staging-${dead}-AbC123`, 'web'), { recursive: true });
    await removeStaleStaging(outDir);
    expect((await readdir(parent)).sort()).toEqual(['.dist-staging-fresh', '.dist-staging-live']);
  });
});

describe('8. publishing and --out', () => {
  it('keeps the old output when a move fails, and replaces it whole when all succeed', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ptr-publish-'));
    roots.push(parent);
    const outDir = join(parent, 'dist');
    await mkdir(join(outDir, 'web'), { recursive: true });
    await writeFile(join(outDir, 'web', 'index.html'), 'old web');
    await writeFile(join(outDir, 'book.pdf'), 'old pdf');
    const before = snapshot(outDir);
    // No manifest: as the project's own dist/ from before manifests listed files, what is there is the build's.
    const folder = { outputNames: ['web', 'book.pdf'], trustPresent: true };
    const failing = await createStaging(outDir, folder);
    await mkdir(join(failing.dir, 'web'));
    await writeFile(join(failing.dir, 'web', 'index.html'), 'new web');
    // 'book.pdf' is named but was never written: its move fails after 'web' was replaced.
    await expect(failing.publish(['web', 'book.pdf'])).rejects.toThrow();
    expect(snapshot(outDir)).toEqual(before);
    await failing.discard();
    const ok = await createStaging(outDir, folder);
    await mkdir(join(ok.dir, 'web'));
    await writeFile(join(ok.dir, 'web', 'index.html'), 'new web');
    await writeFile(join(ok.dir, 'book.pdf'), 'new pdf');
    await ok.publish(['web', 'book.pdf']);
    expect(await readFile(join(outDir, 'web', 'index.html'), 'utf8')).toBe('new web');
    expect(await readFile(join(outDir, 'book.pdf'), 'utf8')).toBe('new pdf');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(JSON.parse(await readFile(join(outDir, '.ptr-outputs.json'), 'utf8'))).toEqual({ version: 2, files: { 'book.pdf': sha('new pdf'), 'web/index.html': sha('new web') } });
    expect(await readdir(parent)).toEqual(['dist']);
  });

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
    for (const [out, message] of cases) {
      const { code, stderr } = await cli(root, ['build', '--only', 'web', '--out', out]);
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
    const { code, stderr } = await cli(root, ['build', '--only', 'web', '--no-cache']);
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
    const root = await fixture({ 'manuscript/02-first-essay.md': (t) => `${t}\n\n${nested}\n\n> > > > quoted\n` });
    const { code, stderr } = await cli(root, ['build', '--only', 'web', '--no-cache']);
    expect(code, stderr).toBe(0);
  });

  it('refuses a YAML alias bomb in book.yaml', async () => {
    const root = await fixture({ 'manuscript/book.yaml': (t) => `${t}\nextra:\n${bomb('  ')}\n` });
    await seedDist(root);
    const before = snapshot(join(root, 'dist'));
    const { code, stderr } = await cli(root, ['build', '--only', 'web', '--no-cache']);
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
    const { code, stderr } = await cli(root, ['build', '--only', 'web', '--no-cache']);
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
    await checkFontIntegrity(diagnostics, (face) => (face.file === 'inter-latin-700-normal.woff2' ? damaged : fontFilePath(face)));
    const manifest = readFileSync(join(REPO, 'package.json'), 'utf8').split('\n');
    const line = manifest.findIndex((l) => l.includes('"@fontsource/inter"')) + 1;
    expect(diagnostics.items.map(formatDiagnostic)).toEqual([
      `package.json:${line}:5: error: font file inter-latin-700-normal.woff2 (Inter 700 normal, latin) of @fontsource/inter is damaged: it cannot be read as a font (truncated or corrupt) [font-damaged]\n` +
      '  hint: the editions would silently fall back to another font: reinstall the package (rm -rf node_modules/@fontsource/inter && npm ci)',
    ]);
    const sound = new DiagnosticList();
    await checkFontIntegrity(sound);
    expect(sound.items).toEqual([]);
  });
});
