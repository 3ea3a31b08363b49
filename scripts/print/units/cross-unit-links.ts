/**
 * A link to an id in another print unit. Chromium writes no annotation for a `#id` whose
 * target is not in its document; an absolute address it writes as a URI link, which the
 * merge turns into a link to the named destination (merge/). `.invalid` is reserved
 * (RFC 2606): such an address can never reach anywhere.
 */
export const CROSS_UNIT_ORIGIN = 'https://unit.invalid/';

export function crossUnitHref(id: string): string {
  return `${CROSS_UNIT_ORIGIN}#${encodeURIComponent(id)}`;
}

/** The id a cross-unit address points to, or undefined for any other address. */
export function crossUnitTarget(uri: string): string | undefined {
  return uri.startsWith(`${CROSS_UNIT_ORIGIN}#`) ? decodeURIComponent(uri.slice(CROSS_UNIT_ORIGIN.length + 1)) : undefined;
}
