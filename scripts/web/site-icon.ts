import { s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { CardColours } from './og-card.js';
import { WEB_NAMES } from '../chapters/edition-names.js';

export const ICON = `${WEB_NAMES.assets}/icon.svg`;

/** The site's icon: the cover's radar, reduced to a ring, a sweep and a blip on the deep blue. */
export function siteIconSvg(colours: CardColours): string {
  const tree = s('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 64 64' }, [
    s('rect', { width: 64, height: 64, rx: 12, fill: colours.ground }),
    s('circle', { cx: 32, cy: 32, r: 22, fill: 'none', stroke: colours.text, strokeOpacity: 0.5, strokeWidth: 3 }),
    s('circle', { cx: 32, cy: 32, r: 11, fill: 'none', stroke: colours.text, strokeOpacity: 0.5, strokeWidth: 3 }),
    s('path', { d: 'M32 32 L54 32 A22 22 0 0 0 47.6 16.4 Z', fill: colours.accent, fillOpacity: 0.6 }),
    s('circle', { cx: 44, cy: 22, r: 4.5, fill: colours.accent }),
  ]);
  return `${toHtml(tree, { space: 'svg' })}\n`;
}
