import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the dev server. It listens on the loopback interface, but any page the
 * author opens can still send requests there: a foreign site by its own name pointed at
 * 127.0.0.1 (DNS rebinding: refused by the Host check), a foreign page opening the socket or
 * asking for the PDF (refused by the Origin check and the session's token).
 *
 * - Every request must name this server in Host: 127.0.0.1, localhost or [::1] at its port.
 * - A request that carries an Origin must come from one of those; none is allowed for plain
 *   reads (curl, a link followed, an image), which a foreign page could not read anyway.
 * - The socket needs an Origin of this server: a browser always sends one on a WebSocket
 *   handshake, so a missing Origin is a tool, and a tool can send it (`Origin: http://127.0.0.1:<port>`).
 * - What starts work (the PDF preview: a build and Chromium) needs this session's token too,
 *   which only the terminal and the pages this server sends know.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The Host header values that name this server (`localhost:4173`; no port when it is 80). */
export function ownHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => new URL(`http://${name}:${port}`).host);
}

/** The origins of this server's own pages, as browsers write them (`http://localhost:4173`). */
export function ownOrigins(port: number): string[] {
  return ownHosts(port).map((host) => `http://${host}`);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && ownHosts(port).includes(host.toLowerCase());
}

/** Browsers serialise an origin in one canonical form: an exact match, so `null` and look-alikes fail. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && ownOrigins(port).includes(origin);
}

/** A fresh token per run of the dev server: a page of another site cannot read or guess it. */
export function sessionToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compared in constant time, so response times do not spell the token out. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface Refusal {
  readonly status: 403 | 405;
  readonly text: string;
}

export interface RequestFacts {
  readonly method: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  /** The request starts work (a build, Chromium): it needs the token. */
  readonly startsWork: boolean;
  /** The token the request carries (`?token=`), if any. */
  readonly token: string | null;
}

/** Why an HTTP request is refused, or undefined when it may be answered. */
export function refusalOfRequest(facts: RequestFacts, port: number, token: string): Refusal | undefined {
  const own = `http://${ownHosts(port)[0]}/`;
  if (!hostAllowed(facts.host, port)) {
    return { status: 403, text: `forbidden: the Host header ${quote(facts.host)} does not name this dev server; it answers only ${own} (or localhost, [::1] at port ${port}).` };
  }
  if (facts.method !== 'GET' && facts.method !== 'HEAD') {
    return { status: 405, text: `method not allowed: the dev server answers only GET and HEAD (got ${quote(facts.method)}).` };
  }
  if (facts.origin !== undefined && !originAllowed(facts.origin, port)) {
    return { status: 403, text: `forbidden: a page of ${quote(facts.origin)} may not use this dev server; only its own pages (${own}) may.` };
  }
  if (facts.startsWork && !tokenMatches(facts.token, token)) {
    const what = facts.token ? 'this token is not the one of this dev server session (a link from an earlier run?)' : 'it needs the token of this dev server session';
    return { status: 403, text: `forbidden: the PDF preview builds the PDF and starts Chromium, and ${what}. Open the PDF preview link the dev server printed when it started (${own}__dev/pdf?token=…).` };
  }
  return undefined;
}

/** Why a WebSocket handshake is refused, or undefined when it may be accepted. */
export function refusalOfSocket(facts: Pick<RequestFacts, 'host' | 'origin'>, port: number): Refusal | undefined {
  const own = `http://${ownHosts(port)[0]}`;
  if (!hostAllowed(facts.host, port)) {
    return { status: 403, text: `forbidden: the Host header ${quote(facts.host)} does not name this dev server (${own}).` };
  }
  if (!originAllowed(facts.origin, port)) {
    const who = facts.origin === undefined ? 'a handshake without an Origin header' : `a page of ${quote(facts.origin)}`;
    return { status: 403, text: `forbidden: the reload socket talks only to this server's own pages; ${who} may not open it (send Origin: ${own}).` };
  }
  return undefined;
}

/** A header value as text, quoted so that what a client sent cannot pass for the message. */
function quote(value: string | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
