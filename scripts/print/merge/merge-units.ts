import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, type PDFObject, PDFPage, PDFPageLeaf, ParseSpeeds, PDFRef, PDFString, type PDFContext,
} from 'pdf-lib';
import { readStructTree, walk } from '../struct-tree.js';
import { crossUnitTarget } from './cross-unit-links.js';
import { mergeFontPrograms, type FontMergeReport } from './merge-fonts.js';
import { readNumberTree } from './pdf-trees.js';

export { CROSS_UNIT_ORIGIN, crossUnitHref, linkAcrossUnits } from './cross-unit-links.js';

/** One unit of the book (a chapter, the contents, the cover) as Chromium printed it, tagged. */
export interface PrintedUnit {
  readonly bytes: Uint8Array;
}

/** A unit that cannot join the book as it was printed (the message says why). */
export class UnitMergeError extends Error {
  override name = 'UnitMergeError';
}

const K = PDFName.of('K');
const P = PDFName.of('P');
const S = PDFName.of('S');
const PG = PDFName.of('Pg');
const ID = PDFName.of('ID');
const A = PDFName.of('A');
const HEADERS = PDFName.of('Headers');
const ANNOTS = PDFName.of('Annots');
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');
const STRUCT_TREE_ROOT = PDFName.of('StructTreeRoot');
const DOCUMENT = PDFName.of('Document');
const DESTS = PDFName.of('Dests');
const DEST = PDFName.of('Dest');
const LANG = PDFName.of('Lang');

/** What the merge did, besides the document: for the build's report and the tests. */
export interface MergeReport {
  readonly pages: number;
  readonly crossUnitLinks: number;
  readonly fonts: FontMergeReport;
}

/**
 * The units' pages in order, as one tagged PDF: what printing the book as one HTML document
 * gives, so finishPdf (outline, metadata, accessible-pdf.ts) runs on it unchanged. Chromium's
 * tree is one Document element whose kids are the body's children: here one Document holds
 * every unit's; the /ParentTree is one number tree whose keys are the units' keys shifted by
 * the keys of the units before, and the pages' /StructParents and the annotations'
 * /StructParent follow; MCIDs are per page and stay. Structure ids (the table header cells)
 * get the unit's number in front, as Chromium numbers them per document; the named
 * destinations are merged, and cross-unit links (cross-unit-links.ts) become links to them.
 * Each unit's subsets of one font face become one program (merge-fonts.ts). Chromium's
 * bookmarks are not copied: finishPdf writes the book's own.
 *
 * What the units must be: ids unique across the book (a destination in two units is refused);
 * their trees passed through linkAcrossUnits before they are written; each printed with
 * `tagged: true` (`outline` is not needed) once every font face has loaded, not only the body's
 * (`Promise.all([...document.fonts].map((f) => f.load()))`: a face only the page margin boxes
 * use is otherwise still loading when the first page prints, and it loses its running head and
 * folio). readDestinationPages on the result gives the book's page of every linked id.
 */
export async function mergeUnits(units: readonly PrintedUnit[]): Promise<PDFDocument> {
  return (await mergeUnitsWithReport(units)).doc;
}

export async function mergeUnitsWithReport(units: readonly PrintedUnit[]): Promise<{ doc: PDFDocument; report: MergeReport }> {
  if (units.length === 0) throw new UnitMergeError('there are no units to merge');
  // No dates or producer of this moment: the same units give the same bytes.
  const out = await PDFDocument.create({ updateMetadata: false });
  const context = out.context;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const tops: PDFObject[] = [];
  const parentTree: PDFObject[] = [];
  const roleMap = new Map<string, PDFObject>();
  const classMap = new Map<string, PDFObject>();
  const dests = new Map<string, { name: PDFName; unit: number }>();
  const destsDict = context.obj({}) as PDFDict;
  let nextKey = 0;
  let documentAttributes: PDFDict | undefined;

  for (const [u, unit] of units.entries()) {
    const src = await PDFDocument.load(unit.bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    const where = `unit ${u + 1}`;
    const srcRoot = src.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
    if (!srcRoot) throw new UnitMergeError(`${where} has no structure tree (print it with tagged: true)`);
    prefixStructIds(src, `u${String(u + 1).padStart(3, '0')}-`);
    if (u === 0) copyCatalogEntries(src, out);
    const copier = PDFObjectCopier.for(src.context, context);

    // The pages first, so that every /Pg and /OBJR below finds its page already copied.
    const base = nextKey;
    for (const page of src.getPages()) {
      const ref = copier.copy(page.ref) as PDFRef;
      const leaf = context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new UnitMergeError(`${where}: a page did not copy as a page`);
      out.addPage(PDFPage.of(leaf, ref, out));
      shiftKey(leaf, STRUCT_PARENTS, base);
      for (const annot of leaf.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) {
        const dict = context.lookup(annot);
        if (dict instanceof PDFDict) shiftKey(dict, STRUCT_PARENT, base);
      }
    }

    // The unit's Document element dissolves into the book's: its /P (the unit's root, with
    // its ParentTree and IDTree) is cut before copying, so the copier does not bring them.
    const top = srcRoot.get(K);
    const topKids = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
    const unitDocuments = new Set<PDFRef>();
    for (const kid of topKids) {
      const element = src.context.lookup(kid);
      if (!(element instanceof PDFDict)) continue;
      element.delete(P);
      const copied = copier.copy(kid);
      const isDocument = element.get(S) === DOCUMENT && kid instanceof PDFRef;
      if (!isDocument) {
        setParent(context, copied, documentRef);
        tops.push(copied);
        continue;
      }
      unitDocuments.add(copied as PDFRef);
      const dict = context.lookup(copied, PDFDict);
      // The book's Document takes the first unit's attributes (its /Lang); a unit in another
      // language says so on each of its top elements instead.
      if (!documentAttributes) {
        documentAttributes = context.obj({}) as PDFDict;
        for (const [key, value] of dict.entries()) if (![K, P, PG].includes(key)) documentAttributes.set(key, value);
      }
      const lang = dict.get(LANG);
      const ownLang = lang && lang.toString() !== documentAttributes.get(LANG)?.toString() ? lang : undefined;
      for (const child of kidsOf(context, dict)) {
        // Content of the Document itself (none in Chromium's trees) keeps its page as an MCR.
        const value = context.lookup(child);
        if (value instanceof PDFNumber) {
          const pg = dict.get(PG);
          if (pg) tops.push(context.obj({ Type: 'MCR', Pg: pg, MCID: value }));
          continue;
        }
        setParent(context, child, documentRef);
        const childDict = context.lookup(child);
        if (ownLang && childDict instanceof PDFDict && !childDict.has(LANG)) childDict.set(LANG, ownLang);
        tops.push(child);
      }
    }

    for (const [key, value] of readNumberTree(src.context, srcRoot.get(PDFName.of('ParentTree')))) {
      const copied = copier.copy(value);
      replaceRefs(context, copied, unitDocuments, documentRef);
      parentTree.push(PDFNumber.of(base + key), copied instanceof PDFRef && unitDocuments.has(copied) ? documentRef : copied);
    }
    const srcNext = srcRoot.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    const lastKey = parentTree.length > 0 ? (parentTree[parentTree.length - 2] as PDFNumber).asNumber() + 1 : 0;
    nextKey = Math.max(base + srcNext, lastKey);
    // The unit's Document is now the book's: its copy goes (pdf-lib saves every object it holds).
    for (const ref of unitDocuments) context.delete(ref);

    mergeMap(srcRoot, 'RoleMap', copier, roleMap);
    mergeMap(srcRoot, 'ClassMap', copier, classMap);

    for (const [name, value] of src.catalog.lookupMaybe(DESTS, PDFDict)?.entries() ?? []) {
      const id = name.decodeText();
      const earlier = dests.get(id);
      if (earlier) throw new UnitMergeError(`units ${earlier.unit + 1} and ${u + 1} both have the destination "${id}": ids must be unique across the book`);
      dests.set(id, { name, unit: u });
      destsDict.set(name, copier.copy(value));
    }
  }

  const document = documentAttributes ?? (context.obj({ Type: 'StructElem', S: 'Document' }) as PDFDict);
  document.set(P, rootRef);
  document.set(K, context.obj(tops));
  context.assign(documentRef, document);

  const root = context.obj({ Type: 'StructTreeRoot' }) as PDFDict;
  root.set(K, documentRef);
  root.set(PDFName.of('ParentTree'), context.register(context.obj({ Nums: parentTree })));
  root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(nextKey));
  if (roleMap.size > 0) root.set(PDFName.of('RoleMap'), dictOf(context, roleMap));
  if (classMap.size > 0) root.set(PDFName.of('ClassMap'), dictOf(context, classMap));
  context.assign(rootRef, root);
  out.catalog.set(STRUCT_TREE_ROOT, rootRef);
  writeIdTree(out, root);
  if (destsDict.entries().length > 0) out.catalog.set(DESTS, context.register(destsDict));

  const crossUnitLinks = resolveCrossUnitLinks(out, dests);
  const fonts = mergeFontPrograms(out);
  return { doc: out, report: { pages: out.getPageCount(), crossUnitLinks, fonts } };
}

/** What Chromium writes in the catalog besides the trees: language, marked, title shown. */
function copyCatalogEntries(src: PDFDocument, out: PDFDocument): void {
  for (const key of ['Lang', 'MarkInfo', 'ViewerPreferences']) {
    const value = src.catalog.get(PDFName.of(key));
    const direct = value instanceof PDFRef ? src.context.lookup(value) : value;
    if (direct && !(direct instanceof PDFRef)) out.catalog.set(PDFName.of(key), PDFObjectCopier.for(src.context, out.context).copy(direct));
  }
  const title = src.getTitle();
  if (title !== undefined) out.setTitle(title);
}

function shiftKey(dict: PDFDict, key: PDFName, base: number): void {
  const value = dict.get(key);
  if (value instanceof PDFNumber) dict.set(key, PDFNumber.of(base + value.asNumber()));
}

function kidsOf(context: PDFContext, element: PDFDict): PDFObject[] {
  const k = element.get(K);
  const value = k instanceof PDFRef ? context.lookup(k) : k;
  return value instanceof PDFArray ? value.asArray() : k ? [k] : [];
}

function setParent(context: PDFContext, element: PDFObject, parent: PDFRef): void {
  const dict = element instanceof PDFRef ? context.lookup(element) : element;
  if (dict instanceof PDFDict && dict.get(S)) dict.set(P, parent);
}

/** Points a ParentTree entry's references to a unit's Document at the book's. */
function replaceRefs(context: PDFContext, value: PDFObject, from: ReadonlySet<PDFRef>, to: PDFRef): void {
  const array = value instanceof PDFRef ? context.lookup(value) : value;
  if (!(array instanceof PDFArray)) return;
  for (let i = 0; i < array.size(); i++) {
    const item = array.get(i);
    if (item instanceof PDFRef && from.has(item)) array.set(i, to);
  }
}

function mergeMap(root: PDFDict, key: string, copier: PDFObjectCopier, into: Map<string, PDFObject>): void {
  const map = root.lookupMaybe(PDFName.of(key), PDFDict);
  // The first unit to name a type decides what it maps to; Chromium writes the same for all.
  for (const [name, value] of map?.entries() ?? []) if (!into.has(name.asString())) into.set(name.asString(), copier.copy(value));
}

function dictOf(context: PDFContext, map: ReadonlyMap<string, PDFObject>): PDFDict {
  const dict = context.obj({}) as PDFDict;
  for (const [name, value] of [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) dict.set(PDFName.of(name.slice(1)), value);
  return dict;
}

/**
 * Chromium names the elements that have an /ID after its accessibility tree's nodes, numbered
 * per document: two units have the same names. The unit's number in front keeps them apart,
 * in the /ID and in the data cells' /Headers that point to them (stable-struct-ids.ts later
 * renames them all in document order).
 */
function prefixStructIds(src: PDFDocument, prefix: string): void {
  const tree = readStructTree(src);
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? src.context.lookup(o) : o);
  const renamed = (o: PDFObject) => (o instanceof PDFString || o instanceof PDFHexString ? PDFString.of(prefix + o.decodeText()) : o);
  for (const e of walk(tree.roots)) {
    const id = e.dict.get(ID);
    if (id) e.dict.set(ID, renamed(id));
    const attributes = lookup(e.dict.get(A));
    for (const attribute of attributes instanceof PDFArray ? attributes.asArray() : attributes ? [attributes] : []) {
      const headers = lookup((lookup(attribute) as PDFDict | undefined)?.get?.(HEADERS));
      if (headers instanceof PDFArray) for (let i = 0; i < headers.size(); i++) headers.set(i, renamed(headers.get(i)));
    }
  }
}

/** One flat /IDTree of every element with an /ID, sorted by name as a name tree must be. */
function writeIdTree(out: PDFDocument, root: PDFDict): void {
  const entries: Array<[string, PDFRef]> = [];
  for (const e of walk(readStructTree(out).roots)) {
    const id = e.dict.get(ID);
    if ((id instanceof PDFString || id instanceof PDFHexString) && e.ref) entries.push([id.decodeText(), e.ref]);
  }
  if (entries.length === 0) return;
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const names = entries.flatMap(([name, ref]) => [PDFString.of(name), ref]);
  root.set(PDFName.of('IDTree'), out.context.register(out.context.obj({ Names: names })));
}

/**
 * A cross-unit link (a URI action on CROSS_UNIT_ORIGIN) becomes what Chromium writes for a
 * link within its document: `/Dest /x`, the named destination. Its annotation, /StructParent
 * and the Link element's /OBJR stay as they are.
 */
function resolveCrossUnitLinks(out: PDFDocument, dests: ReadonlyMap<string, { name: PDFName }>): number {
  // An id that is not ASCII: Chromium writes the name's UTF-8 bytes, pdf-lib reads them as Latin-1.
  const byId = new Map<string, PDFName>();
  for (const [id, { name }] of dests) {
    byId.set(id, name);
    byId.set(Buffer.from(id, 'latin1').toString('utf8'), name);
  }
  let count = 0;
  for (const [i, page] of out.getPages().entries()) {
    for (const ref of page.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) {
      const annot = out.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      const action = annot.lookupMaybe(A, PDFDict);
      const uri = action?.get(PDFName.of('URI'));
      const id = uri instanceof PDFString || uri instanceof PDFHexString ? crossUnitTarget(uri.decodeText()) : undefined;
      if (id === undefined) continue;
      const name = byId.get(id);
      if (!name) throw new UnitMergeError(`page ${i + 1}: a link to "#${id}" in another unit, but no unit has a destination "${id}" (the unit with that id needs a link to it: see linkAcrossUnits)`);
      const actionRef = annot.get(A);
      annot.delete(A);
      if (actionRef instanceof PDFRef) out.context.delete(actionRef);
      annot.set(DEST, name);
      count++;
    }
  }
  return count;
}
