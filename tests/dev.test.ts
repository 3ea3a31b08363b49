import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCH, processesWith, reloads, startDev, statusOf, waitFor } from './helpers/dev-process.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

/** `npm run dev` driven for real on a copy of the fixture book: serve, edit, break, fix, stop. */
const ESSAY = 'manuscript/02-first-essay.md';
const SPEC = 'charts/likes-fixtures.vl.json';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
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
    expect(landingHtml).toContain(`<script type="module" src="/__dev/client.js" data-pdf-preview="${new URL(dev.pdfUrl).pathname}${new URL(dev.pdfUrl).search}"></script>`);
    expect(await readFile(join(root, 'dist', 'web', 'index.html'), 'utf8')).not.toContain('/__dev/client.js');
    expect((await fetch(`${dev.url}__dev/client.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await statusOf(dev.url, '/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await statusOf(dev.url, '/', 'evil.example')).toBe(403);

    // The page that holds the essay's first paragraph.
    const page = await waitFor(async () => {
      for (const f of await htmlFiles(join(root, 'dist', 'web'))) if ((await readFile(f, 'utf8')).includes('to the fixture reader')) return f;
      return undefined;
    });
    const pageUrl = dev.url + relative(join(root, 'dist', 'web'), page).split('\\').join('/');
    const socket = reloads(dev.url, new URL(pageUrl).pathname);
    await socket.opened;

    // Saved edits show in the served page (how fast is measured by `npm run bench -- --only-dev`).
    const source = await readFile(join(root, ESSAY), 'utf8');
    for (const n of [1, 2, 3]) {
      const word = `edited${n}x`;
      const mark = socket.mark();
      await writeFile(join(root, ESSAY), source.replace('says "hello"', `says "${word}"`));
      await socket.next(mark);
      // The reload comes once the page is made: the next request is served the edit.
      expect(await (await fetch(pageUrl)).text()).toContain(word);
    }

    // A broken chart: the overlay names the place and shows the line; the last good page stays.
    const spec = await readFile(join(root, SPEC), 'utf8');
    let mark = socket.mark();
    await writeFile(join(root, SPEC), spec.replace('} }', '}, "kind": "bars" }'));
    await socket.next(mark);
    const broken = await (await fetch(pageUrl)).text();
    expect(broken).toContain('id="ptr-dev-overlay"');
    expect(broken).toContain(`${SPEC}:1:49: error [schema]`);
    expect(broken).toContain("`kind`: Invalid enum value. Expected 'bar' | 'editions', received 'bars'");
    expect(broken).toContain('1 | { "data": { "name": "likes-fixtures" }, "kind": "bars" }');
    expect(broken).toContain('edited3x');
    const state = await (await fetch(`${dev.url}__dev/state`)).json() as { ok: boolean };
    expect(state.ok).toBe(false);

    // Fixed: the overlay is gone.
    mark = socket.mark();
    await writeFile(join(root, SPEC), spec);
    await socket.next(mark);
    const fixed = await (await fetch(pageUrl)).text();
    expect(fixed).not.toContain('ptr-dev-overlay');
    expect(fixed).toContain('edited3x');

    if (hasValidator('chromium')) {
      // The PDF preview, on demand.
      const pdf = await fetch(dev.pdfUrl);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      // Another preview after an edit; Ctrl-C while its Chromium runs.
      mark = socket.mark();
      await writeFile(join(root, ESSAY), source);
      await socket.next(mark);
      void fetch(dev.pdfUrl).catch(() => undefined);
      await waitFor(async () => (await processesWith(marker)).length > 0);
    }
    socket.close();
    dev.child.kill('SIGINT');
    expect(await dev.exited).toBe(0);
    expect(dev.log()).toContain('SIGINT: stopping');
    // Nothing it started is left: no Chromium, no server.
    await waitFor(async () => (await processesWith(marker)).length === 0);
    await expect(fetch(dev.url)).rejects.toThrow();
    await rm(root, { recursive: true, force: true });
  });

  it('answers --help without starting anything', async () => {
    const child = spawn(process.execPath, [LAUNCH, 'dev', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run dev/);
    expect(out).toContain('--port');
  });
});
