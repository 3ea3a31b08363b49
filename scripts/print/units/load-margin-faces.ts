/**
 * Runs inside the print page (self-contained): waits for the faces the layout asked for, then
 * loads the faces the page margin boxes need for `text` (the running heads, the folios).
 * `document.fonts.ready` covers only faces the body's layout asked for; a face used only in a
 * margin box (the sans: running heads and folios) is asked for while printing, too late, and
 * the first page of a unit printed without its running head. Loading every face instead cost
 * 150 ms a unit (some thirty files decoded).
 */
export function loadMarginFaces(args: { property: string; text: string }): Promise<void> {
  const family = getComputedStyle(document.documentElement).getPropertyValue(args.property).trim();
  return document.fonts.ready
    .then(() => (family && args.text ? document.fonts.load(`16px ${family}`, args.text) : []))
    .then(() => undefined);
}
