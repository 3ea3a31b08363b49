import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFixtureBook } from './fixture-book.js';
import { withPreviousDist } from './previous-dist.js';
import { runCli } from './run-cli.js';
import { seedCache } from './warm-cache.js';

const ESSAY = 'manuscript/02-first-essay.md';
const BOOK = 'manuscript/book.yaml';

/** One way of breaking the book: a chapter of its own, listed in book.yaml after the fixture's. */
export interface TogetherCase {
  /** The chapter's file name under manuscript/ (its id is the name without the number: keep it unique). */
  readonly chapter: string;
  /** The chapter's text, made from the fixture essay's (a copy with one edit, as a one-case book would have). */
  readonly text: (essay: string) => string;
  /** Other files the case adds (path in the book → content), such as the figure its chapter shows. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface TogetherRun {
  readonly root: string;
  readonly result: { code: number; stdout: string; stderr: string };
  /** `manuscript/<chapter>`, as the diagnostics name it. */
  readonly path: (chapter: string) => string;
  /** A case's chapter as it was built. */
  readonly text: (chapter: string) => Promise<string>;
}

/**
 * Several independent refused sources in one fixture book, built once by the real command line
 * when a test first asks for it. The build reports every error of a stage at once, as it does
 * for an author, so each test reads its own located error (and the untouched dist/) from the one
 * run, instead of a book and a build of its own (~2 s of CPU each). A stage that fails stops the
 * build before the next: cases refused while loading (front matter, characters, book.yaml) and
 * while compiling (Markdown, figures) go in separate runs, or the later ones would not be seen.
 * `edit` changes the book's other files, as makeFixtureBook's. `cache`, when given, is a warm
 * cache (helpers/warm-cache.ts) the book starts from, so that a run refused while compiling does
 * not first make the unbroken book's charts again; without it the book starts cold.
 */
export function refusedTogether(cases: readonly TogetherCase[], args: readonly string[], edit: Parameters<typeof makeFixtureBook>[0] = {}, temps?: string[], cache?: () => Promise<string>): () => Promise<TogetherRun> {
  let run: Promise<TogetherRun> | undefined;
  return () => (run ??= (async () => {
    const root = await makeFixtureBook(edit);
    temps?.push(root);
    const essay = await readFile(join(root, ESSAY), 'utf8');
    for (const c of cases) {
      await writeFile(join(root, 'manuscript', c.chapter), c.text(essay));
      for (const [path, content] of Object.entries(c.files ?? {})) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
      }
    }
    const yaml = await readFile(join(root, BOOK), 'utf8');
    await writeFile(join(root, BOOK), `${yaml}${cases.map((c) => `  - ${c.chapter}\n`).join('')}`);
    await withPreviousDist(root);
    if (cache) await seedCache(root, await cache());
    const result = await runCli(root, [...args]);
    const path = (chapter: string) => `manuscript/${chapter}`;
    return { root, result, path, text: (chapter) => readFile(join(root, path(chapter)), 'utf8') };
  })());
}
