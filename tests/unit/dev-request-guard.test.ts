import { describe, expect, it } from 'vitest';
import { hostAllowed, originAllowed, ownHosts, refusalOfRequest, refusalOfSocket, sessionToken, tokenMatches } from '../../scripts/dev/request-guard.js';

/** Who the dev server answers (issue 21, class 6); the real server is tried in hostile-dev.test.ts. */
const PORT = 4173;
const TOKEN = sessionToken();
const ask = (over: Partial<Parameters<typeof refusalOfRequest>[0]>) =>
  refusalOfRequest({ method: 'GET', host: `127.0.0.1:${PORT}`, origin: undefined, startsWork: false, token: null, ...over }, PORT, TOKEN);

describe('the dev server\'s request guard', () => {
  it('knows its own names, at its port (none written at port 80, as browsers write it)', () => {
    expect(ownHosts(PORT)).toEqual(['127.0.0.1:4173', 'localhost:4173', '[::1]:4173']);
    expect(ownHosts(80)).toEqual(['127.0.0.1', 'localhost', '[::1]']);
  });

  it.each(['127.0.0.1:4173', 'localhost:4173', 'LocalHost:4173', '[::1]:4173'])('Host %s is this server', (host) => {
    expect(hostAllowed(host, PORT)).toBe(true);
  });

  it.each([undefined, '', 'evil.example', 'evil.example:4173', '127.0.0.1', '127.0.0.1:80', '127.0.0.1:41730', 'localhost.:4173', '127.1:4173', '0x7f.0.0.1:4173', '[::ffff:127.0.0.1]:4173', 'localhost:4173@evil.example'])(
    'Host %s is not', (host) => {
      expect(hostAllowed(host, PORT)).toBe(false);
    });

  it.each(['http://127.0.0.1:4173', 'http://localhost:4173', 'http://[::1]:4173'])('Origin %s is a page of this server', (origin) => {
    expect(originAllowed(origin, PORT)).toBe(true);
  });

  it.each([undefined, 'null', '', 'https://127.0.0.1:4173', 'http://127.0.0.1:4174', 'http://127.0.0.1:4173/', 'http://localhost:4173.evil.example', 'http://evil.example', 'HTTP://LOCALHOST:4173'])(
    'Origin %s is not', (origin) => {
      expect(originAllowed(origin, PORT)).toBe(false);
    });

  it('a token matches only itself, whole', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    for (const wrong of [null, undefined, '', TOKEN.slice(1), `${TOKEN}x`, sessionToken()]) expect(tokenMatches(wrong, TOKEN)).toBe(false);
    expect(sessionToken()).not.toBe(sessionToken());
    expect(TOKEN.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a plain read with or without an Origin of its own; refuses another Host, Origin or method', () => {
    expect(ask({})).toBeUndefined();
    expect(ask({ origin: 'http://localhost:4173' })).toBeUndefined();
    expect(ask({ host: 'evil.example:4173' })?.status).toBe(403);
    expect(ask({ origin: 'https://evil.example' })?.status).toBe(403);
    expect(ask({ method: 'POST' })?.status).toBe(405);
  });

  it('what starts work needs the token, and says so without giving it', () => {
    expect(ask({ startsWork: true, token: TOKEN })).toBeUndefined();
    const missing = ask({ startsWork: true });
    expect(missing?.status).toBe(403);
    expect(missing?.text).toContain('it needs the token of this dev server session');
    expect(ask({ startsWork: true, token: 'abc' })?.text).toContain('this token is not the one of this dev server session');
    expect(ask({ startsWork: true, token: TOKEN, origin: 'https://evil.example' })?.status).toBe(403);
    for (const r of [missing, ask({ startsWork: true, token: 'abc' })]) expect(r?.text).not.toContain(TOKEN);
  });

  it('the socket needs an Origin of this server: a browser always sends one', () => {
    expect(refusalOfSocket({ host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }, PORT)).toBeUndefined();
    expect(refusalOfSocket({ host: `localhost:${PORT}`, origin: undefined }, PORT)?.text).toContain('a handshake without an Origin header may not open it');
    expect(refusalOfSocket({ host: `evil.example:${PORT}`, origin: `http://localhost:${PORT}` }, PORT)?.status).toBe(403);
  });

  it('quotes what a client sent, so it cannot pass for the message', () => {
    expect(ask({ host: 'a"\u001b[2Jb' })?.text).toContain('"a\\"\\u001b[2Jb"');
  });
});
