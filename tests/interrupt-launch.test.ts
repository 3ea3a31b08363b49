import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
// The module puppeteer's own launch uses (the build imports puppeteer, whose ESM build is this file's).
import { Connection } from '../node_modules/puppeteer-core/lib/esm/puppeteer/cdp/Connection.js';
import { build } from '../scripts/build.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { browsersLeft } from './helpers/browser-processes.js';

/**
 * A stop while Chromium is still starting (issue 26; found when a stopped build never ended on a
 * busy machine). When the stop's kill lands after Chromium has answered `Target.setAutoAttach`
 * and before its first targets attach, puppeteer's launch never settles, and a build that awaited
 * it (the ePub's cover, the print) never ended: no clean-up, no exit. The moment is made certain
 * here, not waited for: the browser's messages after that answer are held back (as a kill would
 * lose them), and the build is stopped then. It must reject with the stop's reason and leave no
 * browser behind. Everything else is real: the build, Chromium, the kill.
 */
type Send = (this: unknown, ...args: unknown[]) => unknown;
type Receive = (this: unknown, message: string) => unknown;
const proto = Connection.prototype as unknown as { onMessage: Receive; _rawSend: Send };
const original = { onMessage: proto.onMessage, rawSend: proto._rawSend };

const temps: string[] = [];
const outerTmp = process.env.TMPDIR;
afterEach(() => {
  proto.onMessage = original.onMessage;
  proto._rawSend = original.rawSend;
  if (outerTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outerTmp;
});
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** Calls `onWindow` once, when the browser has answered setAutoAttach; its later messages are then dropped. */
function holdMessagesAfterAutoAttach(onWindow: () => void): void {
  let armed = false;
  let holding = false;
  proto._rawSend = function (this: unknown, ...args: unknown[]) {
    if (args[1] === 'Target.setAutoAttach' && !args[3]) armed = true;
    return original.rawSend.apply(this, args);
  };
  proto.onMessage = function (this: unknown, message: string) {
    if (holding) return Promise.resolve();
    const result = original.onMessage.call(this, message);
    const object = JSON.parse(message) as { id?: number; sessionId?: string; method?: string };
    if (armed && object.id && !object.sessionId && !object.method) {
      armed = false;
      holding = true;
      onWindow();
    }
    return result;
  };
}

describe('a build stopped while its browser attaches its first targets', () => {
  it.each([['every edition', undefined], ['the ePub alone', ['epub' as const]], ['the PDF alone', ['pdf' as const]]])(
    '%s: rejects with the stop and leaves no browser',
    async (_, only) => {
      const root = await makeFixtureBook();
      temps.push(root);
      // The browsers' profiles go under a folder of this case's own (puppeteer puts them under os.tmpdir()).
      const marker = await mkdtemp(join(tmpdir(), 'ptr-launch-stop-'));
      temps.push(marker);
      process.env.TMPDIR = marker;
      const stop = new AbortController();
      const reason = new Error('stopped while the browser starts');
      let inWindow = false;
      holdMessagesAfterAutoAttach(() => {
        inWindow = true;
        stop.abort(reason);
      });
      const outcome = await build({ root, only, noCache: true, signal: stop.signal }).then(() => 'built', (e: unknown) => e);
      expect(inWindow, String(outcome)).toBe(true);
      expect(outcome).toBe(reason);
      expect(await browsersLeft(marker)).toEqual([]);
    },
    60_000,
  );
});
