import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from 'pdf-lib';

/** One structure element of a tagged PDF, as read by pdf-lib. */
export interface StructElement {
  readonly dict: PDFDict;
  readonly ref?: PDFRef;
  readonly type: string;
  readonly parent?: StructElement;
  readonly children: StructElement[];
  /** Its own marked content: [page index, MCID] pairs, in order. */
  readonly content: Array<[number, number]>;
}

export interface StructTree {
  readonly roots: StructElement[];
  /** Page index → MCID → the element whose content it is. */
  readonly owners: Array<Map<number, StructElement>>;
}

const K = PDFName.of('K');
const S = PDFName.of('S');
const PG = PDFName.of('Pg');
const MCID = PDFName.of('MCID');

/** Reads the structure tree from /StructTreeRoot down, resolving each MCID's page. */
export function readStructTree(doc: PDFDocument): StructTree {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const owners = doc.getPages().map(() => new Map<number, StructElement>());
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const roots: StructElement[] = [];
  if (!root) return { roots, owners };
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const pageOf = (d: PDFDict, inherited?: number) => {
    const pg = d.get(PG);
    return pg instanceof PDFRef ? pageIndex.get(pg.toString()) : inherited;
  };
  const visit = (kid: PDFObject, parent: StructElement | undefined, page: number | undefined, into: StructElement[]) => {
    const value = lookup(kid);
    if (value instanceof PDFNumber) {
      if (parent && page !== undefined) {
        parent.content.push([page, value.asNumber()]);
        owners[page]!.set(value.asNumber(), parent);
      }
      return;
    }
    if (!(value instanceof PDFDict)) return;
    const s = value.get(S);
    if (!(s instanceof PDFName)) {
      // A marked-content reference (/Type /MCR) or an object reference (/OBJR).
      const mcid = value.get(MCID);
      const p = pageOf(value, page);
      if (parent && mcid instanceof PDFNumber && p !== undefined) {
        parent.content.push([p, mcid.asNumber()]);
        owners[p]!.set(mcid.asNumber(), parent);
      }
      return;
    }
    const element: StructElement = { dict: value, ref: kid instanceof PDFRef ? kid : undefined, type: s.decodeText(), parent, children: [], content: [] };
    into.push(element);
    const ownPage = pageOf(value, page);
    const k = value.get(K);
    const kids = lookup(k);
    for (const child of kids instanceof PDFArray ? kids.asArray() : k ? [k] : []) visit(child, element, ownPage, element.children);
  };
  const k = root.get(K);
  const top = lookup(k);
  for (const child of top instanceof PDFArray ? top.asArray() : k ? [k] : []) visit(child, undefined, undefined, roots);
  return { roots, owners };
}

export function* walk(elements: readonly StructElement[]): Generator<StructElement> {
  for (const e of elements) {
    yield e;
    yield* walk(e.children);
  }
}

/** The element and every element below it. */
export function descendants(e: StructElement): StructElement[] {
  return [...walk(e.children)];
}

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'Caption', 'BlockQuote', 'TOCI']);
/** Blocks the layout keeps or moves as one piece (a chart, a table, a listing, a box). */
export const CONTAINERS = new Set(['Figure', 'Table', 'Aside', 'Code']);

/**
 * What a line of text belongs to on the page: the outermost container around it, or else the
 * nearest paragraph, heading or list item.
 */
export function blockOf(e: StructElement): StructElement {
  let nearest: StructElement | undefined;
  let container: StructElement | undefined;
  for (let at: StructElement | undefined = e; at; at = at.parent) {
    if (!nearest && BLOCKS.has(at.type)) nearest = at;
    if (CONTAINERS.has(at.type) && !(at.type === 'Code' && at.parent?.type === 'P')) container = at;
  }
  return container ?? nearest ?? e;
}
