import { pageSizeName } from '../brand/printed-page.js';
import { join } from 'node:path';
import { untilAborted } from '../cleanup/until-aborted.js';
import type { Output } from '../output/output.js';

/**
 * The web edition: `web/`. It finishes last: its landing page gives the sizes of the PDF and
 * the ePub built alongside. Its pages and sharing images come from the cache when unchanged.
 * Its pages carry the print page anchors (`#page-37`): everything is made while the PDF prints,
 * and the anchors go in once its final pass has settled where each page starts (`web.wait` is
 * how long the edition waited for that), so a changed layout always reaches them.
 */
export const webOutput = {
  name: 'web',
  needs: { browser: 'on-demand', others: true },
  write: async (context, signal) => {
    const { root, brand, assembled, survey, cache, stagingDir, timer } = context;
    const [{ writeWebEdition }, { renderOgImages }, { downloadsIn, placeDownloads }] = await Promise.all([
      import('./write-web.js'), import('./og-images.js'), import('./downloads.js'),
    ]);
    const dir = join(stagingDir, 'web');
    // Awaited only at the end: a failure before then must not leave its rejection unhandled.
    const pageStarts = untilAborted(context.printLayout.starts, signal);
    pageStarts.catch(() => undefined);
    const edition = await timer.time('web', () => writeWebEdition({
      root, brand, assembled, survey, dir,
      // Loaded when a sharing card must be drawn (fontkit): a warm build does without.
      measurer: () => import('../charts/shared-measurer.js').then((m) => m.sharedTextMeasurer(cache, brand.fonts)),
      drawImages: (cards) => renderOgImages(cards, cache, brand.fonts, signal),
      fonts: () => import('../fonts/brand-sfnt.js').then((m) => m.brandSfnts(cache, brand.fonts)),
      pageStarts,
      cache, signal,
      waited: (ms) => timer.record('web.wait', ms),
      tail: (ms) => timer.record('web.last-step', ms),
    }));
    await context.others;
    await placeDownloads(stagingDir, dir, assembled.book.output);
    const landing = await edition.writeLanding(await downloadsIn(dir, assembled.book.output, pageSizeName(brand.page)));
    return { files: [{ output: 'web', path: `web/${landing.path}`, bytes: landing.bytes }] };
  },
} as const satisfies Output<'web'>;
