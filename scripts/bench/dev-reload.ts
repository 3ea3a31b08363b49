import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';

const CLI = join(import.meta.dirname, '..', 'cli', 'launch.mjs');

export interface DevReload {
  /** Save → the reload message reaches the page → the page's new HTML is served, per edit. */
  edit(chapterFile: string, sitePath: string, i: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Runs `npm run dev` on a project and measures live reload as a reader of the page sees it:
 * a page's reload client (it reports the page it shows), a saved edit to the chapter, the
 * reload message, then the page fetched until it carries the edit.
 */
export async function startDevReload(cwd: string): Promise<DevReload> {
  const child = spawn(process.execPath, [CLI, 'dev', '--port', '0'], {
    cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await until(() => /Serving the web edition at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], 120_000, () => out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async edit(chapterFile, sitePath, i) {
      const pageUrl = url + sitePath;
      await (await fetch(pageUrl)).text();
      const socket = new WebSocket(`${url.replace('http', 'ws')}__dev/ws`, { origin: new URL(url).origin });
      await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
      socket.send(JSON.stringify({ type: 'page', path: `/${sitePath}` }));
      const reloaded = new Promise<void>((resolve) => socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'reload') resolve();
      }));
      const original = await readFile(chapterFile, 'utf8');
      const word = `benchedit${i}x`;
      const t0 = performance.now();
      await writeFile(chapterFile, `${original}\nAn edit, ${word}.\n`);
      await reloaded;
      await until(async () => (await (await fetch(pageUrl)).text()).includes(word) || undefined, 30_000, () => out);
      const ms = performance.now() - t0;
      socket.close();
      await writeFile(chapterFile, original);
      // Let the build of the restored file end before the next edit.
      await new Promise((r) => setTimeout(r, 1500));
      return ms;
    },
    async close() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, why: () => string): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > end) throw new Error(`dev server: timed out\n${why()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
