import type { Loader } from 'vega';

/** Why Vega was stopped: the URL it tried, for the chart's error message. */
export class ChartFetchRefused extends Error {
  constructor(readonly uri: string) {
    super(`the chart tried to load "${uri}"; charts never read files or the network`);
    this.name = 'ChartFetchRefused';
  }
}

/**
 * The loader every chart view gets: it refuses every URL and file, for data, images and links
 * alike. The spec check (find-fetches.ts) refuses `url` and `href` keys with their place; this
 * is the second wall, for whatever reaches Vega another way. `sanitize` does not reject: Vega's
 * SVG renderer calls it for a mark's `href` without handling a rejection (an unhandled rejection
 * would kill the build), so it answers with an empty address, which Vega neither loads nor
 * links, and the refusal is kept for the render to fail on.
 */
export function refusingLoader(): { loader: Loader; refused: string[] } {
  // Vega logs a failed load and draws on without the data: what was refused is kept, so the
  // render can fail instead of publishing a chart with silently missing marks.
  const refused: string[] = [];
  const refuse = (uri: string) => {
    refused.push(String(uri));
    return Promise.reject(new ChartFetchRefused(String(uri)));
  };
  const sanitize = (uri: string) => {
    refused.push(String(uri));
    return Promise.resolve({ href: '' });
  };
  return { loader: { load: refuse, sanitize, http: refuse, file: refuse }, refused };
}
