import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DevSession, DevState } from './dev-session.js';
import { CLIENT_PATH, clientScript, injectIntoHtml } from './inject.js';
import { overlayElement } from './overlay.js';
import { refusalOfRequest, refusalOfSocket, sessionToken, type Refusal } from './request-guard.js';
import { contentTypeOf, readStatic, sitePathOf } from './static-files.js';

export const HOST = '127.0.0.1';
const CLIENT_FILE = join(import.meta.dirname, 'reload-client.js');
const PDF_PATH = '/__dev/pdf';
const SOCKET_PATH = '/__dev/ws';

export interface DevServerOptions {
  readonly root: string;
  /** The folder served at `/`: the web edition as the last good build left it. */
  readonly webDir: string;
  readonly port: number;
  readonly session: DevSession;
}

/**
 * Serves the web edition on the loopback interface only, with the reload client (and the
 * error overlay) injected into HTML; `/__dev/ws` tells pages to reload, `/__dev/pdf` builds
 * and shows the PDF, `/__dev/state` reports the last build (for tools and tests). Who may ask
 * what is request-guard.ts's: this host only, pages of this server only, and the PDF (it starts
 * Chromium) only with this session's token, which the served pages carry.
 */
export async function startDevServer(options: DevServerOptions) {
  const { session } = options;
  const sockets = new WebSocketServer({ noServer: true });
  const client = await readFile(CLIENT_FILE, 'utf8');
  const token = sessionToken();
  const pdfPreview = `${PDF_PATH}?token=${token}`;
  let port = options.port;
  /** The page each connected browser shows, as its reload client reports it. */
  const pageOfSocket = new Map<WebSocket, string>();
  /** The HTML pages served last, newest last: pages open in clients without the reload client. */
  const recent: string[] = [];
  let inFlight = 0;
  let lastActivity = performance.now();

  const server = createServer((req, res) => {
    inFlight += 1;
    lastActivity = performance.now();
    res.once('close', () => {
      inFlight -= 1;
      lastActivity = performance.now();
    });
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `dev server error: ${String(e)}`);
      else res.destroy();
    });
  });

  const overlayFor = (state: DevState) => (state.ok ? undefined : overlayElement(options.root, state.diagnostics, state.crash));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const path = url.pathname;
    const refusal = refusalOfRequest({
      method: req.method, host: req.headers.host, origin: req.headers.origin,
      startsWork: path === PDF_PATH, token: url.searchParams.get('token'),
    }, port, token);
    if (refusal) return send(res, refusal.status, 'text/plain; charset=utf-8', `${refusal.text}\n`);
    if (path === CLIENT_PATH) return send(res, 200, 'text/javascript; charset=utf-8', client);
    if (path === '/__dev/state') return send(res, 200, 'application/json', JSON.stringify(session.state));
    if (path === PDF_PATH) {
      const preview = await session.pdf();
      if (preview.ok) return send(res, 200, 'application/pdf', await readFile(preview.path));
      return send(res, 500, 'text/html; charset=utf-8', errorPage(overlayFor(preview.state)!, pdfPreview));
    }
    const sitePath = sitePathOf(path);
    const early = sitePath === undefined ? undefined : session.earlyPage(sitePath);
    if (early !== undefined) {
      remember(sitePath!);
      return send(res, 200, 'text/html; charset=utf-8', injectIntoHtml(early, undefined, pdfPreview));
    }
    // A page asked for while a build writes the edition is the new one, never the one before.
    if (sitePath?.endsWith('.html') && session.building) await session.idle();
    let file = await readStatic(options.webDir, path);
    // A build replaces dist/web in one move; a request in that instant waits for the build.
    if (file.kind === 'missing') {
      await session.idle();
      file = await readStatic(options.webDir, path);
    }
    if (file.kind === 'refused') return send(res, 403, 'text/plain; charset=utf-8', `forbidden: ${path} is not served: ${file.reason}.\n`);
    if (file.kind === 'missing') {
      const overlay = overlayFor(session.state);
      if (overlay && path === '/') return send(res, 200, 'text/html; charset=utf-8', errorPage(overlay, pdfPreview));
      return send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}`);
    }
    const type = contentTypeOf(file.path);
    if (!type.startsWith('text/html')) return send(res, 200, type, file.body);
    if (sitePath) remember(sitePath);
    return send(res, 200, type, injectIntoHtml(file.body.toString('utf8'), overlayFor(session.state), pdfPreview));
  }

  server.on('upgrade', (req, socket, head) => {
    const facts = { host: req.headers.host, origin: req.headers.origin };
    const refusal = new URL(req.url ?? '/', `http://${HOST}`).pathname === SOCKET_PATH
      ? refusalOfSocket(facts, port)
      : { status: 403 as const, text: `forbidden: the only socket is ${SOCKET_PATH}.` };
    if (refusal) return refuseUpgrade(socket, refusal);
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.send(JSON.stringify({ type: 'hello', version: session.state.version }));
      ws.on('message', (data) => {
        const message = parseMessage(String(data));
        const page = message?.type === 'page' && typeof message.path === 'string' ? sitePathOf(message.path) : undefined;
        if (page) pageOfSocket.set(ws, page);
      });
      ws.on('close', () => pageOfSocket.delete(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  function remember(sitePath: string): void {
    const at = recent.indexOf(sitePath);
    if (at >= 0) recent.splice(at, 1);
    recent.push(sitePath);
    if (recent.length > RECENT_PAGES) recent.shift();
  }

  return {
    url: `http://${HOST}:${port}/`,
    /** The PDF preview's address, with this session's token: for the author's terminal. */
    pdfUrl: `http://${HOST}:${port}${pdfPreview}`,
    /** The pages open now: those the browsers report, and the last ones served. */
    openPages(): Set<string> {
      return new Set([...pageOfSocket.values(), ...recent]);
    },
    /** Tells the open pages to reload (after a build, good or bad), except those on `skip`, already reloaded. */
    reload(skip: readonly string[] = []): void {
      const message = JSON.stringify({ type: 'reload', version: session.state.version });
      for (const ws of sockets.clients) {
        const page = pageOfSocket.get(ws);
        if (page === undefined || !skip.includes(page)) ws.send(message);
      }
    },
    /**
     * Tells the browsers showing these pages to reload, and resolves once they have fetched
     * the page and its files (no request for a moment), or after at most `maxMs`: the build
     * waits for it, so a reloading page is not queued behind the rest of the site's writing.
     */
    async reloadPages(paths: readonly string[], quietMs = 60, maxMs = 600): Promise<void> {
      const message = JSON.stringify({ type: 'reload', version: session.state.version });
      let told = 0;
      for (const [ws, page] of pageOfSocket) {
        if (!paths.includes(page)) continue;
        ws.send(message);
        told += 1;
      }
      if (told === 0) return;
      const start = performance.now();
      lastActivity = start;
      while (performance.now() - start < maxMs && (inFlight > 0 || performance.now() - lastActivity < quietMs)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close(): Promise<void> {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type DevServer = Awaited<ReturnType<typeof startDevServer>>;

/** How many recently served pages count as open, for clients that report no page. */
const RECENT_PAGES = 4;

function parseMessage(text: string): { type?: unknown; path?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every answer is for this server's own pages: another site may not embed it either (an image, a
 * script: no Origin is sent for those), and the browser may not guess another type than `type`.
 */
const HEADERS = { 'cache-control': 'no-store', 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...HEADERS, 'content-type': type });
  res.end(body);
}

/** An upgrade is refused with a status and a reason (a client sees why), then the connection ends. */
function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.text}\n`;
  socket.on('error', () => undefined);
  socket.end([
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
    'content-type: text/plain; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '', body,
  ].join('\r\n'));
}

/** The overlay alone, when there is no good page yet to lay it over. */
function errorPage(overlay: ReturnType<typeof overlayElement>, pdfPreview: string): string {
  const page = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', 'Build failed')]),
    h('body', [overlay, clientScript(pdfPreview)]),
  ]);
  return toHtml({ type: 'root', children: [{ type: 'doctype' }, page] });
}
