import type { PrintLayout } from './restore-layout.js';
import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';

const KIND = 'print-layout';

/**
 * The print layout the last build of this book settled on. Unlike the other entries it is a
 * hint, not a result: the sources may have changed since. The print checks every page number
 * against the PDF it makes, so a stale hint costs a print pass and is then replaced.
 */
export async function readPrintLayoutHint(cache: BuildCache, output: string): Promise<PrintLayout | undefined> {
  const bytes = await cache.store.read(KIND, keyOf(cache, output));
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<PrintLayout>;
    const pagesOk = Array.isArray(value.pages) && value.pages.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]));
    const blanksOk = Array.isArray(value.blanksBefore) && value.blanksBefore.every((id) => typeof id === 'string');
    const continuedOk = Array.isArray(value.continuedAt) && value.continuedAt.every((id) => typeof id === 'string');
    return pagesOk && blanksOk && continuedOk ? { pages: value.pages!, blanksBefore: value.blanksBefore!, continuedAt: value.continuedAt! } : undefined;
  } catch {
    return undefined;
  }
}

export async function writePrintLayoutHint(cache: BuildCache, output: string, layout: PrintLayout): Promise<void> {
  await cache.store.write(KIND, keyOf(cache, output), JSON.stringify(layout));
}

function keyOf(cache: BuildCache, output: string): string {
  return contentHash(cache.pipeline, KIND, output);
}
