import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Element } from 'hast';

export const CLIENT_PATH = '/__dev/client.js';

/**
 * Adds the live-reload client (and the error overlay, when the last build failed) to a page
 * at serve time, so the files in dist/ stay exactly what `build` writes.
 */
export function injectIntoHtml(html: string, overlay: Element | undefined): string {
  const snippet = toHtml([h('script', { type: 'module', src: CLIENT_PATH }), ...(overlay ? [overlay] : [])]);
  const at = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at);
}
