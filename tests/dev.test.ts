import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

/**
 * `npm run dev` driven for real on a copy of the fixture book: serve, edit, break, fix, stop.
 * Its Chromium (PDF preview) is found by a marker in its environment, which Chromium inherits.
 */
const REPO = join(import.meta.dirname, '..');
const TSX = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
const CLI = join(REPO, 'scripts', 'cli.ts');
const ESSAY = 'manuscript/02-first-essay.md';
const SPEC = 'charts/likes-fixtures.vl.json';

interface Dev {
  readonly child: ChildProcess;
  readonly url: string;
  readonly log: () => string;
  readonly exited: Promise<number | null>;
}

async function startDev(root: string, marker: string): Promise<Dev> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, 'dev', '--port', '0'], {
    cwd: root, env: { ...process.env, PTR_DEV_TEST_MARKER: marker, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await waitFor(() => /Serving the web edition at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], 60_000, () => out);
  return { child, url, log: () => out, exited };
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, why: () => string = () => ''): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms\n${why()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** Pids of live processes whose environment carries the marker (the dev server's Chromium). */
async function processesWith(marker: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const found: number[] = [];
  for (const pid of pids) {
    const env = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (env.includes(`PTR_DEV_TEST_MARKER=${marker}`) && !/^State:\s+Z/m.test(status)) found.push(Number(pid));
  }
  return found;
}

/** A page's reload client: it says which page it shows, and gathers the server's messages. */
function reloads(url: string, page = '/') {
  const socket = new WebSocket(`${url.replace('http', 'ws')}__dev/ws`);
  socket.once('open', () => socket.send(JSON.stringify({ type: 'page', path: page })));
  const messages: Array<{ type: string; version: number; at: number }> = [];
  socket.on('message', (data) => messages.push({ ...(JSON.parse(String(data)) as { type: string; version: number }), at: performance.now() }));
  return {
    opened: new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); }),
    next: (after: number) => waitFor(() => messages.find((m) => m.type === 'reload' && m.at > after), 30_000),
    close: () => socket.close(),
  };
}

/** A raw request (fetch would normalise `..` and never sends another Host header). */
function statusOf(url: string, path: string, host?: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: host ? { host } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('npm run dev', () => {
  it('serves, live-reloads an edit, overlays an error over the last good page, clears it, and stops cleanly', async () => {
    const root = await makeFixtureBook();
    const marker = randomUUID();
    const dev = await startDev(root, marker);
    started.push(dev.child);

    // The landing page, with the reload client injected at serve time (not in dist/).
    const landing = await fetch(dev.url);
    expect(landing.status).toBe(200);
    const landingHtml = await landing.text();
    expect(landingHtml).toContain('<script type="module" src="/__dev/client.js"></script>');
    expect(await readFile(join(root, 'dist', 'web', 'index.html'), 'utf8')).not.toContain('/__dev/client.js');
    expect((await fetch(`${dev.url}__dev/client.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await statusOf(dev.url, '/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await statusOf(dev.url, '/', 'evil.example')).toBe(403);

    // The page that holds the essay's first paragraph.
    const page = await waitFor(async () => {
      for (const f of await htmlFiles(join(root, 'dist', 'web'))) if ((await readFile(f, 'utf8')).includes('to the fixture reader')) return f;
      return undefined;
    }, 5_000);
    const pageUrl = dev.url + relative(join(root, 'dist', 'web'), page).split('\\').join('/');
    const socket = reloads(dev.url, new URL(pageUrl).pathname);
    await socket.opened;

    // Saved edits show in the served page (how fast is measured by `npm run bench -- --only-dev`).
    const source = await readFile(join(root, ESSAY), 'utf8');
    for (const n of [1, 2, 3]) {
      const word = `edited${n}x`;
      const t0 = performance.now();
      await writeFile(join(root, ESSAY), source.replace('says "hello"', `says "${word}"`));
      await socket.next(t0);
      await waitFor(async () => (await (await fetch(pageUrl)).text()).includes(word) || undefined, 10_000);
    }

    // A broken chart: the overlay names the place and shows the line; the last good page stays.
    const spec = await readFile(join(root, SPEC), 'utf8');
    let t = performance.now();
    await writeFile(join(root, SPEC), spec.replace('} }', '}, "kind": "bars" }'));
    await socket.next(t);
    const broken = await (await fetch(pageUrl)).text();
    expect(broken).toContain('id="ptr-dev-overlay"');
    expect(broken).toContain(`${SPEC}:1:49: error [schema]`);
    expect(broken).toContain("`kind`: Invalid enum value. Expected 'bar' | 'editions', received 'bars'");
    expect(broken).toContain('1 | { "data": { "name": "likes-fixtures" }, "kind": "bars" }');
    expect(broken).toContain('edited3x');
    const state = await (await fetch(`${dev.url}__dev/state`)).json() as { ok: boolean };
    expect(state.ok).toBe(false);

    // Fixed: the overlay is gone.
    t = performance.now();
    await writeFile(join(root, SPEC), spec);
    await socket.next(t);
    const fixed = await (await fetch(pageUrl)).text();
    expect(fixed).not.toContain('ptr-dev-overlay');
    expect(fixed).toContain('edited3x');

    if (hasValidator('chromium')) {
      // The PDF preview, on demand.
      const pdf = await fetch(`${dev.url}__dev/pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      // Another preview after an edit; Ctrl-C while its Chromium runs.
      t = performance.now();
      await writeFile(join(root, ESSAY), source);
      await socket.next(t);
      void fetch(`${dev.url}__dev/pdf`).catch(() => undefined);
      await waitFor(async () => (await processesWith(marker)).length > 0 || undefined, 30_000, dev.log);
    }
    socket.close();
    dev.child.kill('SIGINT');
    expect(await dev.exited).toBe(0);
    expect(dev.log()).toContain('SIGINT: stopping');
    // Nothing it started is left: no Chromium, no server.
    await waitFor(async () => ((await processesWith(marker)).length === 0) || undefined, 5_000, () => 'a process with the marker is left');
    await expect(fetch(dev.url)).rejects.toThrow();
    await rm(root, { recursive: true, force: true });
  });

  it('answers --help without starting anything', async () => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, 'dev', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run dev/);
    expect(out).toContain('--port');
  });
});
