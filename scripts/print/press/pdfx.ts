import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import { flateStream } from '../flate.js';
import type { OutputProfile } from './icc-profile.js';

export const PDFX_VERSION = 'PDF/X-4';

export interface PdfxFields {
  readonly title: string;
  readonly producer: string;
  readonly date: Date;
  readonly profile: OutputProfile;
  /** The printing condition's registered name (FOGRA39, CGATS TR 001); else the profile's description. */
  readonly condition?: string;
  /** What the file's identity is derived from (same inputs, same /ID and DocumentID). */
  readonly identity: Uint8Array;
}

/**
 * What makes a CMYK PDF a PDF/X-4 (ISO 15930-7) beyond its colours: the output intent (the
 * printing condition, with its ICC profile embedded), GTS_PDFXVersion in the Info dictionary and
 * in the XMP packet, /Trapped, and a file identifier. Nothing from the clock: the dates are the
 * book's and the identifier is a hash of the inputs, so the same sources give the same bytes.
 */
export function makePdfX(doc: PDFDocument, f: PdfxFields): void {
  const context = doc.context;
  const profile = context.register(flateStream(context, f.profile.bytes, { N: context.obj(4) }));
  const condition = f.condition ?? f.profile.description;
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(condition),
    OutputCondition: PDFString.of(f.profile.description),
    Info: PDFString.of(f.profile.description),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
  const info = context.lookup(context.trailerInfo.Info);
  if (info && 'set' in info) {
    (info as { set(k: PDFName, v: unknown): void }).set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
    (info as { set(k: PDFName, v: unknown): void }).set(PDFName.of('Trapped'), PDFName.of('False'));
  }
  const id = createHash('sha256').update(f.identity).update(f.profile.bytes).digest('hex').slice(0, 32);
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const xmp = pdfxXmp({ ...f, documentId: id });
  doc.catalog.set(PDFName.of('Metadata'), context.register(context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length })));
}

/** The XMP packet of a PDF/X-4: the same title and dates as the Info dictionary, the version, /Trapped and the document's id. */
function pdfxXmp(f: PdfxFields & { documentId: string }): Uint8Array {
  const date = f.date.toISOString();
  const uuid = `uuid:${f.documentId.slice(0, 8)}-${f.documentId.slice(8, 12)}-${f.documentId.slice(12, 16)}-${f.documentId.slice(16, 20)}-${f.documentId.slice(20, 32)}`;
  const description = x('rdf:Description', {
    'rdf:about': '',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/',
    'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/',
    'xmlns:xmpMM': 'http://ns.adobe.com/xap/1.0/mm/',
    'xmlns:pdfxid': 'http://www.npes.org/pdfx/ns/id/',
  }, [
    x('dc:format', 'application/pdf'),
    x('dc:title', [x('rdf:Alt', [x('rdf:li', { 'xml:lang': 'x-default' }, f.title)])]),
    x('xmp:CreateDate', date),
    x('xmp:ModifyDate', date),
    x('xmp:MetadataDate', date),
    x('pdf:Producer', f.producer),
    x('pdf:Trapped', 'False'),
    x('xmpMM:DocumentID', uuid),
    x('xmpMM:InstanceID', uuid),
    x('xmpMM:VersionID', '1'),
    x('xmpMM:RenditionClass', 'default'),
    x('pdfxid:GTS_PDFXVersion', PDFX_VERSION),
  ]);
  const packet = x('x:xmpmeta', { 'xmlns:x': 'adobe:ns:meta/' }, [x('rdf:RDF', { 'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' }, [description])]);
  return new TextEncoder().encode(`<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${toXml(packet)}\n<?xpacket end="w"?>`);
}
