import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * `npm run dev` as a child process on a fixture book, and the clients the tests talk to it with.
 * Its Chromium (PDF preview) is found by a marker in its environment, which Chromium inherits.
 */
const REPO = join(import.meta.dirname, '..', '..');
/** What `npm run dev` runs: the command line's bundle (scripts/cli/launch.mjs), not tsx (~1 s of CPU a start). */
export const LAUNCH = join(REPO, 'scripts', 'cli', 'launch.mjs');

export interface Dev {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The PDF preview's link as the terminal shows it, with the session's token. */
  readonly pdfUrl: string;
  readonly log: () => string;
  readonly exited: Promise<number | null>;
}

export async function startDev(root: string, marker: string): Promise<Dev> {
  const child = spawn(process.execPath, [LAUNCH, 'dev', '--port', '0'], {
    cwd: root, env: { ...process.env, PTR_DEV_TEST_MARKER: marker, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await waitFor(() => /Serving the web edition at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1]);
  const pdfUrl = await waitFor(() => /PDF preview \(built on demand\) at (\S+)/.exec(out)?.[1]);
  return { child, url, pdfUrl, log: () => out, exited };
}

/**
 * Polls until `probe` gives a value: waiting for an event (a line printed, a file written, a
 * process gone), never for a length of time. It has no deadline of its own: on a busy machine the
 * event comes later, and only the test's timeout (vitest.config.ts) says it never came.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Pids of live processes whose environment carries the marker (the dev server's Chromium). */
export async function processesWith(marker: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const found: number[] = [];
  for (const pid of pids) {
    const env = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (env.includes(`PTR_DEV_TEST_MARKER=${marker}`) && !/^State:\s+Z/m.test(status)) found.push(Number(pid));
  }
  return found;
}

/** Those of them that are Chromium (the dev server itself carries the marker too). */
export async function browsersWith(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await processesWith(marker)) {
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (/chrom/i.test(command.split('\0')[0] ?? '')) found.push(pid);
  }
  return found;
}

/** The origin of the dev server's own pages (`http://127.0.0.1:<port>`). */
export const originOf = (url: string) => new URL(url).origin;

/** A page's reload client: it says which page it shows, and gathers the server's messages. */
export function reloads(url: string, page = '/') {
  const socket = new WebSocket(`${url.replace('http', 'ws')}__dev/ws`, { origin: originOf(url) });
  socket.once('open', () => socket.send(JSON.stringify({ type: 'page', path: page })));
  const messages: Array<{ type: string; version: number }> = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string; version: number }));
  return {
    opened: new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); }),
    /** How many messages came so far: `next(mark())` before an edit waits for the reload after it. */
    mark: () => messages.length,
    /** The first reload among the messages from `mark` on. */
    next: (mark: number) => waitFor(() => messages.slice(mark).find((m) => m.type === 'reload')),
    close: () => socket.close(),
  };
}

export interface RawResponse {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: Buffer;
}

/**
 * A raw request: fetch would normalise `..`, and never sends another Host header nor an Origin
 * of another site. `headers.host: undefined` sends none (HTTP/1.0 style).
 */
export function rawRequest(url: string, path: string, headers: Record<string, string | undefined> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, setHost: !('host' in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) req.setHeader(name, value);
    req.on('error', reject);
    req.end();
  });
}

/** A raw request's status. */
export async function statusOf(url: string, path: string, host?: string): Promise<number> {
  return (await rawRequest(url, path, host ? { host } : {})).status;
}

export interface Handshake {
  /** 101 when the socket opened. */
  readonly status: number;
  readonly body: string;
  /** The server's first message, when it opened. */
  readonly hello?: { type: string; version: number };
}

/** Opens the reload socket with these headers (`origin: undefined`: none) and says how it went. */
export function handshake(url: string, headers: { origin?: string; host?: string }): Promise<Handshake> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}__dev/ws`, {
    ...(headers.origin !== undefined ? { origin: headers.origin } : {}),
    ...(headers.host !== undefined ? { headers: { host: headers.host } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    socket.once('message', (data) => {
      resolve({ status: 101, body: '', hello: JSON.parse(String(data)) as { type: string; version: number } });
      socket.close();
    });
    socket.once('error', reject);
  });
}
