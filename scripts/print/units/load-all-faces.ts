/**
 * Runs inside the print page (self-contained): loads every font face of the page's style
 * sheets. `document.fonts.ready` waits only for faces the layout has asked for; a face used
 * only in a page margin box (Inter: the running heads and folios) is asked for while printing,
 * too late, and the first page of a unit printed without its running head.
 */
export function loadAllFaces(): Promise<void> {
  return Promise.all([...document.fonts].map((f) => f.load())).then(() => undefined);
}
