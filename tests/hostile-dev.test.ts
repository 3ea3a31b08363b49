import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSources } from '../scripts/dev/watch-sources.js';
import { browsersWith, handshake, originOf, rawRequest, startDev, waitFor, type Dev } from './helpers/dev-process.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { hasValidator } from './helpers/validators.js';

/**
 * Issue 21, class 6: the dev server trusts no other site. A real `npm run dev` on the fixture
 * book, asked as a page of another site, a DNS-rebinding name, a tool without the token and a
 * careless author's links and FIFOs in the served folder would ask it; and its watcher, on a
 * project with a folder linked to a tree outside.
 *
 * The choice on a missing Origin: browsers send one on every WebSocket handshake and on every
 * cross-origin fetch, never on a link followed or an image; curl sends none. So no Origin is
 * answered for plain reads (a foreign page could not read them: the Host check stops rebinding),
 * but the socket needs an Origin of this server, and the PDF (it starts Chromium) the token.
 */
const SECRET = `secret-${randomUUID()}`;

let dev: Dev;
/** A Unix socket in the served folder: not a file either. */
let unixSocket: Server | undefined;
let root: string;
let outside: string;
const marker = randomUUID();

beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'ptr-outside-'));
  await writeFile(join(outside, 'secret.txt'), SECRET);
  await writeFile(join(outside, 'index.html'), `<p>${SECRET}</p>`);
  root = await makeFixtureBook();
  dev = await startDev(root, marker);
  // What a careless author (or a hostile pull request) leaves in the served folder. No source
  // changes while these tests run, so no build replaces dist/web under them.
  const web = join(root, 'dist', 'web');
  await symlink(join(outside, 'secret.txt'), join(web, 'leak.txt'));
  await symlink(outside, join(web, 'leaked-dir'));
  await symlink(join(outside, 'gone.txt'), join(web, 'dangling.txt'));
  await symlink('index.html', join(web, 'alias.html'));
  await symlink('.', join(web, 'again'));
  await symlink('loop', join(web, 'loop'));
  if (process.platform !== 'win32') {
    execFileSync('mkfifo', [join(web, 'pipe.txt')]);
    // (A socket's path has at most about 100 bytes: a long temp folder has none.)
    if (join(web, 'socket.html').length < 100) {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(join(web, 'socket.html'), resolve));
      unixSocket = server;
    }
  }
});

afterAll(async () => {
  await new Promise((resolve) => (unixSocket ? unixSocket.close(resolve) : resolve(undefined)));
  if (dev?.child.exitCode === null) {
    dev.child.kill('SIGINT');
    await dev.exited;
  }
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const port = () => Number(new URL(dev.url).port);
const text = (body: Buffer) => body.toString('utf8');

describe('the reload socket opens only for this server\'s own pages', () => {
  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}`],
    ['localhost', (p: number) => `http://localhost:${p}`],
  ])('a page of %s opens it and is greeted', async (_name, origin) => {
    const opened = await handshake(dev.url, { origin: origin(port()) });
    expect(opened.status).toBe(101);
    expect(opened.hello?.type).toBe('hello');
  });

  it.each([
    ['another site', () => 'https://evil.example'],
    ['a sandboxed frame or a file: page (Origin null)', () => 'null'],
    ['this host at another port', (p: number) => `http://127.0.0.1:${p + 1}`],
    ['this host and port over https', (p: number) => `https://127.0.0.1:${p}`],
    ['a look-alike with a trailing slash', (p: number) => `http://127.0.0.1:${p}/`],
    ['a name whose prefix is ours', (p: number) => `http://localhost:${p}.evil.example`],
  ])('a page of %s is refused with 403', async (_name, origin) => {
    const refused = await handshake(dev.url, { origin: origin(port()) });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('forbidden: the reload socket talks only to this server\'s own pages');
    expect(refused.hello).toBeUndefined();
  });

  it('a handshake without Origin (a tool, never a browser) is refused, saying what to send', async () => {
    const refused = await handshake(dev.url, {});
    expect(refused.status).toBe(403);
    expect(refused.body).toBe(`forbidden: the reload socket talks only to this server's own pages; a handshake without an Origin header may not open it (send Origin: ${originOf(dev.url)}).\n`);
  });

  it('a rebinding name is refused, whatever Origin it claims', async () => {
    const evil = `evil.example:${port()}`;
    for (const origin of [`http://${evil}`, originOf(dev.url)]) {
      const refused = await handshake(dev.url, { host: evil, origin });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain(`the Host header "${evil}" does not name this dev server`);
    }
  });
});

describe('every request must name this server in Host (DNS rebinding)', () => {
  it.each([
    ['a rebinding name at this port', (p: number) => `evil.example:${p}`],
    ['a rebinding name without a port', () => 'evil.example'],
    ['this address at another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['localhost with a trailing dot', (p: number) => `localhost.:${p}`],
    ['a name that ends like ours', (p: number) => `evil-localhost:${p}`],
  ])('%s: 403, and not the page', async (_name, host) => {
    const res = await rawRequest(dev.url, '/', { host: host(port()) });
    expect(res.status).toBe(403);
    expect(text(res.body)).toContain('does not name this dev server');
    expect(text(res.body)).not.toContain('<html');
  });

  it('no Host at all: refused, not the page', async () => {
    const res = await rawRequest(dev.url, '/', { host: undefined });
    expect([400, 403]).toContain(res.status);
    expect(text(res.body)).not.toContain('<html');
  });

  it.each([
    ['127.0.0.1', (p: number) => `127.0.0.1:${p}`],
    ['localhost', (p: number) => `localhost:${p}`],
    ['[::1]', (p: number) => `[::1]:${p}`],
  ])('%s at this port is answered', async (_name, host) => {
    const res = await rawRequest(dev.url, '/', { host: host(port()) });
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain('/__dev/client.js');
  });
});

describe('a page of another site gets nothing', () => {
  it('a request with a foreign Origin is refused, one with none (curl, a link followed) or our own is answered', async () => {
    const foreign = await rawRequest(dev.url, '/', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(text(foreign.body)).toBe(`forbidden: a page of "https://evil.example" may not use this dev server; only its own pages (${dev.url}) may.\n`);
    expect((await rawRequest(dev.url, '/__dev/state', { origin: 'null' })).status).toBe(403);
    expect((await rawRequest(dev.url, '/', {})).status).toBe(200);
    expect((await rawRequest(dev.url, '/', { origin: originOf(dev.url) })).status).toBe(200);
  });

  it('only GET and HEAD are answered', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await rawRequest(dev.url, '/__dev/pdf', {}, method);
      expect(res.status).toBe(405);
      expect(text(res.body)).toContain('the dev server answers only GET and HEAD');
    }
  });

  it('no answer may be embedded by another site (an image or script sends no Origin)', async () => {
    const res = await fetch(`${dev.url}__dev/client.js`);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the PDF preview needs the session\'s token', () => {
  const tokenOfPage = async () => {
    const page = await (await fetch(dev.url)).text();
    const link = /data-pdf-preview="([^"]+)"/.exec(page)?.[1];
    expect(link).toBeDefined();
    return new URL(link!, dev.url).searchParams.get('token')!;
  };

  it('without it: 403 with what to do, and no build', async () => {
    const res = await rawRequest(dev.url, '/__dev/pdf');
    expect(res.status).toBe(403);
    expect(text(res.body)).toBe(`forbidden: the PDF preview builds the PDF and starts Chromium, and it needs the token of this dev server session. Open the PDF preview link the dev server printed when it started (${dev.url}__dev/pdf?token=…).\n`);
    expect(existsSync(join(root, '.cache', 'dev-preview'))).toBe(false);
    expect(await browsersWith(marker)).toEqual([]);
  });

  it.each([
    ['another token of the same length', () => randomBytes(24).toString('base64url')],
    ['a prefix of the right one', (token: string) => token.slice(0, -1)],
    ['an empty one', () => ''],
  ])('with a wrong token (%s): 403, and no build', async (_name, wrong) => {
    const res = await rawRequest(dev.url, `/__dev/pdf?token=${encodeURIComponent(wrong(await tokenOfPage()))}`);
    expect(res.status).toBe(403);
    expect(text(res.body)).toMatch(/^forbidden: the PDF preview builds the PDF and starts Chromium, and (this token is not the one of this dev server session|it needs the token)/);
    expect(existsSync(join(root, '.cache', 'dev-preview'))).toBe(false);
  });

  it('with the right token but from a page of another site: 403', async () => {
    const res = await rawRequest(dev.url, `/__dev/pdf?token=${await tokenOfPage()}`, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(existsSync(join(root, '.cache', 'dev-preview'))).toBe(false);
  });

  it('the token is in the pages this server sends and the link it printed, never in what another site could load', async () => {
    const token = await tokenOfPage();
    expect(dev.pdfUrl).toBe(`${dev.url}__dev/pdf?token=${token}`);
    expect(dev.log()).toContain(`PDF preview (built on demand) at ${dev.pdfUrl}`);
    for (const path of ['/__dev/client.js', '/__dev/state', '/__dev/pdf']) {
      expect(text((await rawRequest(dev.url, path)).body)).not.toContain(token);
    }
  });

  it.runIf(hasValidator('chromium'))('with the token of a served page: the PDF', async () => {
    const res = await rawRequest(dev.url, `/__dev/pdf?token=${await tokenOfPage()}`, { origin: originOf(dev.url) });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('only regular files inside the served folder are served', () => {
  it('a link to a file outside: 403, and not its content', async () => {
    const res = await rawRequest(dev.url, '/leak.txt');
    expect(res.status).toBe(403);
    expect(text(res.body)).toBe('forbidden: /leak.txt is not served: it is a link that leads out of the served folder.\n');
  });

  it('a file below a link to a folder outside: 403, and not its content', async () => {
    for (const path of ['/leaked-dir/secret.txt', '/leaked-dir/', '/leaked-dir']) {
      const res = await rawRequest(dev.url, path);
      expect(res.status).toBe(403);
      expect(text(res.body)).not.toContain(SECRET);
    }
  });

  it('a link that leads nowhere: 404', async () => {
    expect((await rawRequest(dev.url, '/dangling.txt')).status).toBe(404);
  });

  it.skipIf(process.platform === 'win32')('a FIFO: 403 at once (it is never opened, so nothing waits for a writer)', async () => {
    const res = await rawRequest(dev.url, '/pipe.txt');
    expect(res.status).toBe(403);
    expect(text(res.body)).toBe('forbidden: /pipe.txt is not served: it is not a regular file.\n');
  });

  it('a Unix socket: 403', async ({ skip }) => {
    if (!unixSocket) skip();
    const res = await rawRequest(dev.url, '/socket.html');
    expect(res.status).toBe(403);
    expect(text(res.body)).toBe('forbidden: /socket.html is not served: it is not a regular file.\n');
  });

  it('a link to a file inside the folder is served as that file', async () => {
    const res = await rawRequest(dev.url, '/alias.html');
    expect(res.status).toBe(200);
    const page = await readFile(join(root, 'dist', 'web', 'index.html'), 'utf8');
    expect(text(res.body)).toContain(page.slice(0, page.indexOf('</body>')));
  });

  it('a link to a folder inside the folder is served as that folder, however often it is followed', async () => {
    for (const path of ['/again/', '/again/again/again/index.html']) {
      const res = await rawRequest(dev.url, path);
      expect(res.status).toBe(200);
      expect(text(res.body)).toContain('/__dev/client.js');
    }
  });

  it('a link to itself: 404', async () => {
    expect((await rawRequest(dev.url, '/loop')).status).toBe(404);
  });

  it('a name decoded twice cannot climb out (%252e%252e is a folder named %2e%2e)', async () => {
    await mkdir(join(root, 'dist', 'web', '%2e%2e'));
    await writeFile(join(root, 'dist', 'web', '%2e%2e', 'index.html'), '<p>percent</p>');
    const res = await rawRequest(dev.url, '/%252e%252e/');
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain('<p>percent</p>');
    expect((await rawRequest(dev.url, '/%252e%252e/%252e%252e/%252e%252e/etc/passwd')).status).toBe(404);
  });

  it('the server still answers after all of these', async () => {
    expect((await rawRequest(dev.url, '/')).status).toBe(200);
  });
});

describe('the watcher walks only the project\'s own files', () => {
  let book: string;
  let tree: string;

  beforeAll(async () => {
    book = await makeFixtureBook();
    // A small stand-in for `/usr`: a few folders of files outside the project.
    tree = await mkdtemp(join(tmpdir(), 'ptr-outside-tree-'));
    for (const dir of ['a', 'a/b', 'c']) await mkdir(join(tree, dir), { recursive: true });
    for (const file of ['a/one.svg', 'a/b/two.svg', 'c/three.txt']) await writeFile(join(tree, file), 'outside');
    await symlink(tree, join(book, 'manuscript', 'figures', 'shared'));
    await symlink(join(tree, 'a', 'one.svg'), join(book, 'manuscript', 'figures', 'one.svg'));
  });

  afterAll(async () => {
  await new Promise((resolve) => (unixSocket ? unixSocket.close(resolve) : resolve(undefined)));
    await rm(book, { recursive: true, force: true });
    await rm(tree, { recursive: true, force: true });
  });

  it('a folder linked out of the project is watched as a link, never walked; its changes are not reported', async () => {
    const reported: string[] = [];
    const watcher = watchSources(book, (paths) => reported.push(...paths));
    try {
      await watcher.ready;
      const watched = watcher.watchedPaths();
      expect(watched).toContain('manuscript/figures/box.svg');
      expect(watched).toContain('manuscript/figures/shared');
      expect(watched.filter((p) => p.startsWith('manuscript/figures/shared/'))).toEqual([]);

      // A change out there, then one in the project: only the second is reported.
      await writeFile(join(tree, 'a', 'b', 'new.svg'), 'outside');
      await writeFile(join(tree, 'a', 'one.svg'), 'changed outside');
      const now = new Date();
      await utimes(join(book, 'manuscript', 'figures', 'box.svg'), now, now);
      await waitFor(() => reported.includes('manuscript/figures/box.svg'));
      expect(reported.filter((p) => p.startsWith('manuscript/figures/shared/'))).toEqual([]);
      expect(reported).not.toContain('manuscript/figures/one.svg');
    } finally {
      await watcher.close();
    }
  });

  it('a link to a folder outside made while watching is reported as the link alone, and not walked', async () => {
    const reported: string[] = [];
    const watcher = watchSources(book, (paths) => reported.push(...paths));
    try {
      await watcher.ready;
      await symlink(tree, join(book, 'charts', 'data', 'later'));
      await waitFor(() => reported.includes('charts/data/later'));
      expect(watcher.watchedPaths().filter((p) => p.startsWith('charts/data/later/'))).toEqual([]);
      expect(reported.filter((p) => p.startsWith('charts/data/later/'))).toEqual([]);
    } finally {
      await watcher.close();
    }
  });
});
