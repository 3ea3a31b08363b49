import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { untilAborted } from '../cleanup/until-aborted.js';
import type { Output } from '../output/output.js';

/**
 * The ePub 3: `<name>.epub`. Its cover and chart images come from the cache when unchanged. It
 * is made while the PDF prints; only its page-break markers and page list wait for the print's
 * page starts (`epub.wait` is how long it waited).
 */
export const epubOutput = {
  name: 'epub',
  needs: { browser: 'cold', others: false },
  write: (context, signal) => context.timer.time('epub', async () => {
    const { root, brand, assembled, book, cache, stagingDir, browser } = context;
    // Awaited only at the end: a failure before then must not leave its rejection unhandled.
    const starts = untilAborted(context.printLayout.starts, signal);
    starts.catch(() => undefined);
    const [{ renderCoverImage }, { buildEpub }] = await Promise.all([import('./render-cover-image.js'), import('./build-epub.js')]);
    const cover = await renderCoverImage(root, brand.fonts, browser, assembled.cover, join(stagingDir, '.cover'), book.language, cache, signal);
    await rm(join(stagingDir, '.cover'), { recursive: true, force: true });
    const bytes = await buildEpub(root, brand.fonts, assembled, cover, cache, signal, starts, {
      waited: (ms) => context.timer.record('epub.wait', ms), lastStep: (ms) => context.timer.record('epub.last-step', ms),
    });
    const path = `${book.output}.epub`;
    await writeFile(join(stagingDir, path), bytes);
    return { files: [{ output: 'epub', path, bytes: bytes.length }] };
  }),
} as const satisfies Output<'epub'>;
