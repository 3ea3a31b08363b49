import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { findBrowser } from '../render/find-browser.js';

/** The simplest peer: md-to-pdf (marked + highlight.js + puppeteer) printing the raw Markdown. */
export const MD_TO_PDF = 'md-to-pdf@5.2.5';

export interface Peer {
  /** Prints the report's chapters, concatenated, once; resolves with the wall time in ms. */
  run(): Promise<number>;
}

/**
 * Installs md-to-pdf on demand into `dir` (never into this project) without a browser
 * download, and writes the report's chapters as one Markdown file (front matter dropped:
 * md-to-pdf would read the first block as its own config and print the others as text).
 */
export async function prepareMdToPdf(root: string, dir: string): Promise<Peer> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{"private": true}\n');
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', MD_TO_PDF], {
    cwd: dir, env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  const book = parse(await readFile(join(root, 'manuscript', 'book.yaml'), 'utf8')) as { chapters: string[] };
  const texts = await Promise.all(book.chapters.map((f) => readFile(join(root, 'manuscript', f), 'utf8')));
  const markdown = join(dir, 'report.md');
  await writeFile(markdown, texts.map(withoutFrontMatter).join('\n\n'));
  // The same browser our build uses, with the flags that keep it off the network.
  const browser = await findBrowser();
  const launch = {
    executablePath: browser.executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  };
  // The embedded Chromium brings its own libraries, as launch-browser.ts passes them to ours.
  const env = browser.libraryPath ? { ...process.env, LD_LIBRARY_PATH: [browser.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter) } : process.env;
  const cli = join(dir, 'node_modules', 'md-to-pdf', 'dist', 'cli.js');
  return {
    run: () => new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [cli, markdown, '--launch-options', JSON.stringify(launch)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`md-to-pdf failed (${code}):\n${out}`))));
    }),
  };
}

function withoutFrontMatter(text: string): string {
  if (!text.startsWith('---\n')) return text;
  const end = text.indexOf('\n---\n', 4);
  return end < 0 ? text : text.slice(end + 5);
}
