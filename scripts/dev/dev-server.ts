import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DevSession, DevState } from './dev-session.js';
import { CLIENT_PATH, injectIntoHtml } from './inject.js';
import { overlayElement } from './overlay.js';
import { contentTypeOf, resolveStatic, sitePathOf } from './static-files.js';

export const HOST = '127.0.0.1';
const CLIENT_FILE = join(import.meta.dirname, 'reload-client.js');

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
 * and shows the PDF, `/__dev/state` reports the last build (for tools and tests).
 */
export async function startDevServer(options: DevServerOptions) {
  const { session } = options;
  const sockets = new WebSocketServer({ noServer: true });
  const client = await readFile(CLIENT_FILE, 'utf8');
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

  // Pages from another site could reach a loopback server through DNS rebinding: answer only
  // requests addressed to this host and port.
  const trusted = (req: IncomingMessage) => [`${HOST}:${port}`, `localhost:${port}`].includes(req.headers.host ?? '');

  const overlayFor = (state: DevState) => (state.ok ? undefined : overlayElement(options.root, state.diagnostics, state.crash));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!trusted(req)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
    const path = new URL(req.url ?? '/', `http://${HOST}`).pathname;
    if (path === CLIENT_PATH) return send(res, 200, 'text/javascript; charset=utf-8', client);
    if (path === '/__dev/state') return send(res, 200, 'application/json', JSON.stringify(session.state));
    if (path === '/__dev/pdf') {
      const preview = await session.pdf();
      if (preview.ok) return send(res, 200, 'application/pdf', await readFile(preview.path));
      return send(res, 500, 'text/html; charset=utf-8', errorPage(overlayFor(preview.state)!));
    }
    const sitePath = sitePathOf(path);
    const early = sitePath === undefined ? undefined : session.earlyPage(sitePath);
    if (early !== undefined) {
      remember(sitePath!);
      return send(res, 200, 'text/html; charset=utf-8', injectIntoHtml(early, undefined));
    }
    // A page asked for while a build writes the edition is the new one, never the one before.
    if (sitePath?.endsWith('.html') && session.building) await session.idle();
    let file = await resolveStatic(options.webDir, path);
    // A build replaces dist/web in one move; a request in that instant waits for the build.
    if (!file) {
      await session.idle();
      file = await resolveStatic(options.webDir, path);
    }
    if (!file) {
      const overlay = overlayFor(session.state);
      if (overlay && path === '/') return send(res, 200, 'text/html; charset=utf-8', errorPage(overlay));
      return send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}`);
    }
    const type = contentTypeOf(file);
    const body = await readFile(file);
    if (!type.startsWith('text/html')) return send(res, 200, type, body);
    if (sitePath) remember(sitePath);
    return send(res, 200, type, injectIntoHtml(body.toString('utf8'), overlayFor(session.state)));
  }

  server.on('upgrade', (req, socket, head) => {
    if (!trusted(req) || new URL(req.url ?? '/', `http://${HOST}`).pathname !== '/__dev/ws') {
      socket.destroy();
      return;
    }
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

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** The overlay alone, when there is no good page yet to lay it over. */
function errorPage(overlay: ReturnType<typeof overlayElement>): string {
  const page = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', 'Build failed')]),
    h('body', [overlay, h('script', { type: 'module', src: CLIENT_PATH })]),
  ]);
  return toHtml({ type: 'root', children: [{ type: 'doctype' }, page] });
}
