import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Element } from 'hast';

export const CLIENT_PATH = '/__dev/client.js';

/**
 * The reload client's tag. It carries the PDF preview's address with the session's token: a page
 * of this server can read it, one of another site cannot (it may load the script, never read
 * this page), so the token is here and never in the script.
 */
export function clientScript(pdfPreview: string): Element {
  return h('script', { type: 'module', src: CLIENT_PATH, dataPdfPreview: pdfPreview });
}

/**
 * Adds the live-reload client (and the error overlay, when the last build failed) to a page
 * at serve time, so the files in dist/ stay exactly what `build` writes.
 */
export function injectIntoHtml(html: string, overlay: Element | undefined, pdfPreview: string): string {
  const snippet = toHtml([clientScript(pdfPreview), ...(overlay ? [overlay] : [])]);
  const at = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at);
}
