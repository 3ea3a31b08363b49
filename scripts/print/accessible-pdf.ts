import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';
import type { ContentStream } from './content-stream.js';
import { markArtifacts } from './mark-artifacts.js';
import { readStructTree, descendants, walk, type StructElement, type StructTree } from './struct-tree.js';
import { xmpMetadata, type XmpFields } from './xmp-metadata.js';
import { stableStructIds } from './stable-struct-ids.js';

/** Chromium's structure types outside PDF 1.7's standard set, and the standard type each plays. */
const ROLE_MAP: Record<string, string> = { Strong: 'Span', Em: 'Span', Aside: 'Sect', Mark: 'Span', Del: 'Span', Ins: 'Span', Sub: 'Span', Sup: 'Span', FENote: 'Note', Title: 'H1' };

export interface AccessibleOptions extends XmpFields {
  /** What a link's target is called, by the id it points to (contents entries, figures). */
  readonly targetNames: ReadonlyMap<string, string>;
  /** Each page's content, already parsed (page-geometry.ts `parsedContent`). */
  readonly parsed?: ReadonlyArray<readonly ContentStream[]>;
  /** How many artifacts were marked already, page by page as each print unit was printed: none are marked here. */
  readonly artifacts?: number;
}

export interface AccessibleReport {
  readonly artifacts: number;
  readonly figures: { before: number; after: number };
  readonly links: number;
}

/**
 * Turns Chromium's tagged PDF into a PDF/UA-1 one (the Matterhorn Protocol's machine-checkable
 * conditions): headers, folios and decorations become artifacts; each chart or drawing is one
 * Figure with its alternative text (Chromium nests the figure, its role="img" graphic and one
 * Figure per bar and axis); non-standard types are role-mapped; every link annotation says
 * where it goes; the XMP names PDF/UA-1; pages use the structure's tab order.
 */
export function makeAccessible(doc: PDFDocument, options: AccessibleOptions): AccessibleReport {
  const artifacts = options.artifacts ?? markArtifacts(doc, options.parsed);
  const tree = readStructTree(doc);
  stableStructIds(doc, tree);
  const before = [...walk(tree.roots)].filter((e) => e.type === 'Figure').length;
  oneFigurePerGraphic(tree);
  const after = [...walk(tree.roots)].filter((e) => e.type === 'Figure').length;
  roleMap(doc, tree);
  const links = describeLinks(doc, options.targetNames);
  for (const page of doc.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  const metadata = doc.context.stream(xmpMetadata(options), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict) ?? doc.context.obj({});
  prefs.set(PDFName.of('DisplayDocTitle'), doc.context.obj(true));
  doc.catalog.set(PDFName.of('ViewerPreferences'), prefs);
  doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
  return { artifacts, figures: { before, after }, links };
}

const S = PDFName.of('S');
const ALT = PDFName.of('Alt');

/**
 * The outermost Figure of a chart or drawing keeps the alternative text (its role="img"
 * graphic's label, or an image's alt); the Figures inside it become plain groupings, so the
 * bars, axes and titles are no longer pictures of their own. A `figure` that holds text (a
 * pull quote) is a grouping too.
 */
function oneFigurePerGraphic(tree: StructTree): void {
  const outer = [...walk(tree.roots)].filter((e) => e.type === 'Figure' && !hasAncestor(e, 'Figure'));
  for (const figure of outer) {
    const inner = descendants(figure).filter((d) => d.type === 'Figure');
    // The graphic's description first (the first inner Figure, in document order): a chart's
    // figure is itself named only by its question (chart-figure.ts).
    const alt = [...inner, figure].map((e) => e.dict.get(ALT)).find((a): a is PDFString | PDFHexString => a instanceof PDFString || a instanceof PDFHexString);
    for (const d of inner) {
      d.dict.set(S, PDFName.of('NonStruct'));
      d.dict.delete(ALT);
    }
    if (alt) figure.dict.set(ALT, alt);
    else if (descendants(figure).some((d) => d.type === 'BlockQuote' || d.type === 'P')) figure.dict.set(S, PDFName.of('Div'));
  }
}

function hasAncestor(e: StructElement, type: string): boolean {
  for (let at = e.parent; at; at = at.parent) if (at.type === type) return true;
  return false;
}

function roleMap(doc: PDFDocument, tree: StructTree): void {
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  const used = new Set([...walk(tree.roots)].map((e) => e.type));
  for (const [type, standard] of Object.entries(ROLE_MAP)) if (used.has(type)) map.set(PDFName.of(type), PDFName.of(standard));
  root.set(PDFName.of('RoleMap'), map);
}

/** A link annotation's /Contents: the title of the heading or figure it points to, or its address. */
function describeLinks(doc: PDFDocument, names: ReadonlyMap<string, string>): number {
  let count = 0;
  for (const [i, page] of doc.getPages().entries()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const ref of annots?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.get(PDFName.of('URI'));
      const dest = annot.get(PDFName.of('Dest')) ?? action?.get(PDFName.of('D'));
      const target = textOf(dest);
      const description = uri ? `Link to ${textOf(uri)}` : target !== undefined ? `Go to ${names.get(target) ?? `page ${i + 1}`}` : 'Link';
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(description));
      count++;
    }
  }
  return count;
}

function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString || o instanceof PDFName) return o.decodeText();
  return undefined;
}
