import { join } from 'node:path';
import { readBrandTokens } from '../../scripts/assets/brand-tokens.js';
import { brandTable } from '../../scripts/print/press/brand-cmyk.js';
import { systemProfile } from '../../scripts/print/press/icc-profile.js';

/** What makePressPdf needs besides the reader's PDF, from the repository's tokens and the system's CMYK profile. */
export async function pressOptions(readerEdition = 'python-tech-radar.pdf') {
  const tokens = readBrandTokens(join(import.meta.dirname, '..', '..'));
  const profile = await systemProfile();
  if (!profile) throw new Error('no CMYK profile: apt-get install libgs-common (Ghostscript)');
  return { readerEdition, brand: brandTable(tokens), profile, fullBleed: [{ page: 1, color: tokens.cmyk('brand-deep-print') }] };
}
