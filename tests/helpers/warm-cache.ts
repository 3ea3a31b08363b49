import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { makeFixtureBook } from './fixture-book.js';
import { runCli } from './run-cli.js';

/**
 * The cache (`.cache/`) of the unbroken fixture book, built once by the real command line with
 * `args` when a test first asks for it, as an author's machine would have it after a first build.
 * A test that edits one chapter gives it to its book (`seedCache`): the chapters, charts, images
 * and print units it did not change come from the cache (content-addressed: a changed source is
 * never served from it), so only what the test is about is made again, instead of the whole book
 * cold (~5–10 s of CPU for the PDF). The record of that build names its own folder: a seeded
 * book is never taken for "nothing changed".
 */
export function warmCache(args: readonly string[], temps?: string[]): () => Promise<string> {
  let made: Promise<string> | undefined;
  return () => (made ??= (async () => {
    const root = await makeFixtureBook();
    temps?.push(root);
    const result = await runCli(root, [...args]);
    expect(result.code, result.stderr).toBe(0);
    return join(root, '.cache');
  })());
}

/** Gives `root` a copy of a warm cache, replacing its own. */
export async function seedCache(root: string, cache: string): Promise<string> {
  await rm(join(root, '.cache'), { recursive: true, force: true });
  await cp(cache, join(root, '.cache'), { recursive: true });
  return root;
}
