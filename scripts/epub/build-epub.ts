import type { BrandFaces } from '../fonts/font-files.js';
import epubModule from 'epub-gen-memory';
import { h } from 'hastscript';
import type { AssembledBook } from '../assemble/assemble-book.js';
import { editionStylesheet } from '../assets/write-assets.js';
import { bookContributors } from './book-contributors.js';
import { captionBeforeTable, chartImagePath, collectChartGraphics, useChartImages } from './chart-images.js';
import { epubSections, sectionDocument } from './epub-sections.js';
import { navDocument } from './nav-document.js';
import { packageDocument, type ManifestItem } from './package-document.js';
import { rasterizeCached } from '../render/cached-rasters.js';
import type { BuildCache } from '../cache/build-cache.js';
import { readZip } from './read-zip.js';
import { prepareEpubZip } from './zip-container.js';
import { hastToXml, xmlSafe } from './to-xml.js';
import { checkEpubXml } from './check-epub-xml.js';
import { keptMemo } from '../cache/kept-memo.js';
import { toString } from 'hast-util-to-string';
import { charactersOf, subsetFacesFor, subsetFontFaceCss, usedCharacters, type SubsetFace } from '../fonts/subset-faces.js';
import { brandSfnts } from '../fonts/brand-sfnt.js';
import { addPageBreakSlots, fillPageBreaks, pageTargets } from './page-list.js';
import { pageAnchorId } from '../assemble/page-ids.js';
import { ncxDocument } from './ncx-document.js';
import { plainCss } from './plain-css.js';
import { paintFigureGround } from './figure-ground.js';
import type { PageStart } from '../output/page-starts.js';
import { EPUB_FILES } from '../chapters/edition-names.js';

const epub = ((epubModule as unknown as { default?: unknown }).default ?? epubModule) as typeof import('epub-gen-memory').default;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n';

/**
 * Builds the ePub. Of what epub-gen-memory writes only the OCF container is kept (`mimetype`,
 * `META-INF/container.xml`); every other file is ours, because it strips SVG attributes (chapters
 * are serialised from our trees), sets no `svg`/`cover-image` properties and an empty description
 * (our own OPF), fetches fonts and covers over the network (we add the files), and stamps random
 * ids and today's date (stable identifier, dates from the sources, our reproducible zip: README,
 * "The ePub"). Charts become PNG images
 * (see chart-images.ts for why). Given where the print pages start, the sections carry
 * page-break markers, listed in the nav's page-list and the NCX's pageList. The style sheet
 * has plain values and the fonts are TrueType subsets, for Kindle's and Kobo's engines.
 */
export async function buildEpub(
  root: string, brand: BrandFaces, assembled: AssembledBook, coverPng: Uint8Array, cache: BuildCache, signal?: AbortSignal,
  pageStarts: Promise<readonly PageStart[]> | readonly PageStart[] = [], timing?: { waited(ms: number): void; lastStep(ms: number): void },
): Promise<Uint8Array> {
  const { book } = assembled;
  const { sections, fileOfId } = epubSections(assembled);
  // Before any block moves: the page starts count blocks in the print document's order. The
  // markers wait for the print; everything else is made meanwhile, with a slot for each.
  const slots = addPageBreakSlots(sections);
  const charts = collectChartGraphics(sections.map((s) => s.body));
  // A survey label may hold a character XML forbids (the survey's loader does not refuse them): the rasterizer reads XML.
  const chartImages = await rasterizeCached(charts.map((c) => ({ id: c.id, source: c.svg, svg: () => xmlSafe(c.svg) })), cache, 'chart-images', brand, signal);
  useChartImages(charts, chartImages);
  charts.forEach(captionBeforeTable);
  for (const s of sections) paintFigureGround(s.body);
  const firstBody = assembled.sections.find((s) => s.kind === 'part' || s.kind === 'essay')?.id ?? sections[0]!.id;
  const chapterFiles = new Map(sections.map((s) => [s.file, XML_HEAD + hastToXml(sectionDocument(book.language, s.title, [s.body]))]));
  const coverXhtml = XML_HEAD + hastToXml(sectionDocument(book.language, 'Cover', [
    h('section.cover-page', { 'epub:type': 'cover' }, [
      h('img', { src: EPUB_FILES.coverImage, role: 'doc-cover', alt: `${book.title}${book.subtitle ? `: ${book.subtitle}` : ''}. ${book.publisher}, ${book.year}.` }),
    ]),
  ], 'edition-epub cover-body'));
  // TrueType, which Kindle (through its converters) and Kobo use, where WOFF2 is unsupported or dropped.
  // Cut for the nav without its page list; the list's characters are checked once it is made.
  const texts = [book.title, book.subtitle ?? '', toString(navDocument(assembled, fileOfId, firstBody)), ...sections.map((s) => toString(s.body))].join('\n');
  const early = usedCharacters(texts);
  const stylesheet = async (fonts: readonly SubsetFace[]) => plainCss(await editionStylesheet(root, brand, 'epub', EPUB_FILES.fonts, subsetFontFaceCss(fonts, EPUB_FILES.fonts)));
  let fonts = await subsetFacesFor(early, 'truetype', brand, () => brandSfnts(cache, brand));
  let css = await stylesheet(fonts);
  const contributors = bookContributors(sections.map((s) => s.body));
  const manifest = (fonts: readonly SubsetFace[]): ManifestItem[] => [
    { id: 'ncx', href: EPUB_FILES.ncx, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: EPUB_FILES.css, mediaType: 'text/css' },
    { id: 'cover-image', href: EPUB_FILES.coverImage, mediaType: 'image/png', properties: 'cover-image' },
    { id: 'cover', href: EPUB_FILES.cover, mediaType: 'application/xhtml+xml', inSpine: true },
    { id: 'toc', href: EPUB_FILES.nav, mediaType: 'application/xhtml+xml', properties: 'nav', inSpine: true },
    ...sections.map((s) => ({
      id: `ch-${s.id}`, href: s.file, mediaType: 'application/xhtml+xml', inSpine: true,
      // A page-break marker is no SVG: the file with its slots says.
      properties: chapterFiles.get(s.file)!.includes('<svg') ? 'svg' : undefined,
    })),
    ...charts.map((c) => ({ id: `image-${c.id}`, href: chartImagePath(c.id), mediaType: 'image/png' })),
    ...fonts.map((f, i) => ({ id: `font-${i}`, href: `${EPUB_FILES.fonts}/${f.file}`, mediaType: 'font/ttf' })),
  ];
  const generate = (opf: string, navXhtml: string) => epub({
    title: book.title, author: book.authors.map((a) => a.name), publisher: book.publisher, description: book.description,
    lang: book.language, date: book.date, version: 3, tocTitle: 'Contents', prependChapterTitles: false,
    // Fully rendered documents passed as templates: epub-gen-memory's EJS leaves them as they are.
    contentOPF: escapeEjs(opf), tocXHTML: escapeEjs(navXhtml), verbose: false,
  }, sections.map((s) => ({ title: s.title, content: '<p></p>', filename: s.file })));
  // Made now, with the package and nav as they are without a page list: its other files do not depend on them.
  signal?.throwIfAborted();
  const generated = await readZip(await generate(packageDocument(book, manifest(fonts), contributors), XML_HEAD + hastToXml(navDocument(assembled, fileOfId, firstBody))));
  const out = new Map<string, Uint8Array | string>();
  for (const [name, bytes] of generated) {
    if (name.startsWith('OEBPS/') && !name.endsWith('.xhtml') && name !== `OEBPS/${EPUB_FILES.ncx}` && name !== `OEBPS/${EPUB_FILES.package}`) continue;
    out.set(name, bytes);
  }
  for (const [file, text] of chapterFiles) out.set(`OEBPS/${file}`, text);
  out.set(`OEBPS/${EPUB_FILES.cover}`, coverXhtml);
  out.delete('META-INF/com.apple.ibooks.display-options.xml');
  out.set(`OEBPS/${EPUB_FILES.coverImage}`, coverPng);
  for (const [id, image] of chartImages) out.set(`OEBPS/${chartImagePath(id)}`, image.png);
  const addFonts = (to: Map<string, Uint8Array | string>) => {
    to.set(`OEBPS/${EPUB_FILES.css}`, css);
    for (const f of fonts) to.set(`OEBPS/${EPUB_FILES.fonts}/${f.file}`, f.bytes);
  };
  addFonts(out);
  // The files the page starts do not change, checked while the print is under way; the
  // chapters with their slots (a marker is a well-formed element, its id checked below).
  const lateDocuments = [`OEBPS/${EPUB_FILES.nav}`, `OEBPS/${EPUB_FILES.package}`, `OEBPS/${EPUB_FILES.ncx}`];
  const lateNames = [...lateDocuments, ...sections.map((s) => `OEBPS/${s.file}`)];
  const checked = await keptMemo<readonly string[]>(cache.store, cache.pipeline, 'epub-xml');
  const ids = checkEpubXml(new Map([...out].filter(([name]) => !lateDocuments.includes(name))), checked.map);
  // And compressed meanwhile, the late files as stand-ins.
  const zip = prepareEpubZip(new Map([...out, ...lateNames.map((name) => [name, ''] as const)]), book.modified);
  zip.catch(() => undefined);

  const waiting = performance.now();
  const starts = await pageStarts;
  const ready = performance.now();
  timing?.waited(ready - waiting);
  signal?.throwIfAborted();
  const late = new Map<string, Uint8Array | string>();
  const targets = starts.length > 0 ? pageTargets(sections, starts) : [];
  const nav = navDocument(assembled, fileOfId, firstBody, targets);
  const used = charactersOf([early, usedCharacters(toString(nav))]);
  if (used !== early) {
    fonts = await subsetFacesFor(used, 'truetype', brand, () => brandSfnts(cache, brand));
    css = await stylesheet(fonts);
    addFonts(late);
  }
  for (const s of sections) {
    const name = `OEBPS/${s.file}`;
    for (const { page } of starts.filter((start) => start.block.root === String(s.body.properties.id ?? s.id))) {
      if (ids.get(name)?.has(pageAnchorId(page))) throw new Error(`internal error: the ePub's ${name} holds the id "${pageAnchorId(page)}" twice; this is a bug in the id allocator, please report it`);
    }
    late.set(name, fillPageBreaks(chapterFiles.get(s.file)!, s, slots.get(s.file)!, starts));
  }
  const navXhtml = XML_HEAD + hastToXml(nav);
  const pageSource = targets.length > 0 ? `${book.title}, ${book.publisher} ${book.year}: the PDF edition (${book.output}.pdf)` : undefined;
  const opf = packageDocument(book, manifest(fonts), contributors, pageSource);
  if (isTemplateFree(opf) && isTemplateFree(navXhtml)) {
    late.set(`OEBPS/${EPUB_FILES.package}`, opf);
    late.set(`OEBPS/${EPUB_FILES.nav}`, navXhtml);
  } else {
    const again = await readZip(await generate(opf, navXhtml));
    late.set(`OEBPS/${EPUB_FILES.package}`, again.get(`OEBPS/${EPUB_FILES.package}`)!);
    late.set(`OEBPS/${EPUB_FILES.nav}`, again.get(`OEBPS/${EPUB_FILES.nav}`)!);
  }
  late.set(`OEBPS/${EPUB_FILES.ncx}`, ncxDocument(assembled, fileOfId, targets));
  checkEpubXml(new Map([...late].filter(([name]) => lateDocuments.includes(name))), checked.map);
  await checked.save();
  const bytes = await (await zip).finish(late);
  timing?.lastStep(performance.now() - ready);
  return bytes;
}

/** Text EJS writes as it is: without its delimiters, the package and nav need not go through epub-gen-memory again. */
function isTemplateFree(text: string): boolean {
  return !text.includes('<%') && !text.includes('%>');
}

function escapeEjs(text: string): string {
  return text.replace(/<%/g, '<%%');
}
