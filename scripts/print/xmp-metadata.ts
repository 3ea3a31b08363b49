import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';

export interface XmpFields {
  readonly title: string;
  readonly authors: readonly string[];
  readonly description: string;
  readonly keywords: readonly string[];
  readonly language: string;
  readonly date: Date;
  readonly creatorTool: string;
  readonly producer: string;
}

/**
 * The document's XMP packet: the same title, authors and dates as the Info dictionary, and
 * `pdfuaid:part 1`, which is how a PDF claims PDF/UA-1 (ISO 14289-1, 5). Built as an XML
 * tree, so titles with markup characters stay well formed; fixed dates keep builds identical.
 */
export function xmpMetadata(f: XmpFields): Uint8Array {
  const date = f.date.toISOString();
  const alt = (text: string) => x('rdf:Alt', [x('rdf:li', { 'xml:lang': 'x-default' }, text)]);
  const description = x('rdf:Description', {
    'rdf:about': '',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:xmp': 'http://ns.adobe.com/xap/1.0/',
    'xmlns:pdf': 'http://ns.adobe.com/pdf/1.3/',
    'xmlns:pdfuaid': 'http://www.aiim.org/pdfua/ns/id/',
  }, [
    x('dc:format', 'application/pdf'),
    x('dc:title', [alt(f.title)]),
    x('dc:creator', [x('rdf:Seq', f.authors.map((a) => x('rdf:li', a)))]),
    x('dc:description', [alt(f.description)]),
    x('dc:subject', [x('rdf:Bag', f.keywords.map((k) => x('rdf:li', k)))]),
    x('dc:language', [x('rdf:Bag', [x('rdf:li', f.language)])]),
    x('xmp:CreateDate', date),
    x('xmp:ModifyDate', date),
    x('xmp:MetadataDate', date),
    x('xmp:CreatorTool', f.creatorTool),
    x('pdf:Producer', f.producer),
    x('pdf:Keywords', f.keywords.join(', ')),
    x('pdfuaid:part', '1'),
  ]);
  const packet = x('x:xmpmeta', { 'xmlns:x': 'adobe:ns:meta/' }, [x('rdf:RDF', { 'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' }, [description])]);
  const xml = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${toXml(packet)}\n<?xpacket end="w"?>`;
  return new TextEncoder().encode(xml);
}
