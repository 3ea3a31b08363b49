import postcss from 'postcss';

/**
 * Folios (page numbers) are the one thing on a unit's pages that depends on where the unit
 * falls in the book. So a unit is printed without them (unit-document.ts turns the folio off)
 * and they are put on the assembled book's pages from a folio sheet (folio-sheet.ts): a unit's
 * print no longer depends on its first page, and an edit that moves the pages after it reprints
 * none of them. Which pages carry a folio is the style sheet's decision: every page but those
 * of the named pages whose `@page <name>` turns the folio off (`@bottom-center { content: none }`:
 * the cover and the openers in styles/print.css). The blank versos the merge puts in carry none.
 */
export const FOLIO_MARGIN_BOX = 'bottom-center';
export const NO_FOLIO_PREFIX = 'print-no-folio-';

/** The names of the `@page` rules whose folio box shows nothing, read from the print style sheet. */
export function pagesWithoutFolio(css: string): string[] {
  const names = new Set<string>();
  postcss.parse(css).walkAtRules('page', (page) => {
    const name = page.params.trim();
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return;
    page.walkAtRules(FOLIO_MARGIN_BOX, (box) => {
      box.walkDecls('content', (d) => {
        if (d.value.trim() === 'none') names.add(name);
      });
    });
  });
  return [...names].sort();
}

/**
 * Runs inside the print page (self-contained): gives every element that starts a page without
 * a folio (its computed `page` is one of `names`) an id and a hidden link, so its page comes
 * back as a named destination; returns the ids.
 */
export function markFolioless(args: { names: string[]; prefix: string }): string[] {
  const names = new Set(args.names);
  const list = document.createElement('div');
  list.hidden = true;
  list.setAttribute('aria-hidden', 'true');
  const ids: string[] = [];
  document.querySelectorAll('body *').forEach((el, index) => {
    if (!names.has(getComputedStyle(el).getPropertyValue('page'))) return;
    if (!el.id) el.id = `${args.prefix}${index}`;
    const link = document.createElement('a');
    link.href = `#${encodeURIComponent(el.id)}`;
    list.append(link);
    ids.push(el.id);
  });
  document.body.append(list);
  return ids;
}
