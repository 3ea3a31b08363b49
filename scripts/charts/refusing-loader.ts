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
 * is the second wall, for whatever reaches Vega another way. (Vega drops an `href` whose
 * sanitizing fails, so a link can never crash the build either.)
 */
export function refusingLoader(): { loader: Loader; refused: string[] } {
  // Vega logs a failed load and draws on without the data: what was refused is kept, so the
  // render can fail instead of publishing a chart with silently missing marks.
  const refused: string[] = [];
  const refuse = (uri: string) => {
    refused.push(String(uri));
    return Promise.reject(new ChartFetchRefused(String(uri)));
  };
  return { loader: { load: refuse, sanitize: refuse, http: refuse, file: refuse }, refused };
}
