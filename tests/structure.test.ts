/**
 * The structure of the whole report in its three built editions: the order of front matter,
 * parts, essays, report sections and back matter; the expert commentaries, code listings,
 * charts and drawn figures; no extraction artifact of the seed in any output; and one list of
 * headings shared by the printed contents page, the PDF bookmarks, the ePub nav and the web
 * contents.
 *
 * The expected skeleton below restates the seed's outline.md (§1–§5); when the seed folder is
 * there, the commentary list is also checked against the outline's own table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import JSZip from 'jszip';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readCorrections } from './helpers/errata.js';
import { qpdfJson, type QpdfJson } from './helpers/qpdf.js';
import { allElements, classes, findAll, findFirst, hasClass, normaliseText, parseHtml, textOf } from './helpers/report-text.js';
import { run } from './helpers/run.js';
import { hasValidator } from './helpers/validators.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTLINE = resolve(ROOT, '../shared/seed/outline.md');
const dist = inject('reportDist');
const pdf = join(dist, 'python-tech-radar.pdf');

// ---------------------------------------------------------------------------------------------
// Expectations (outline.md §1–§5).
// ---------------------------------------------------------------------------------------------

/** Reading order: kind (front matter, part opener, essay, intro, report section, back matter), label, title. */
const ORDER: ReadonlyArray<{ kind: string; label?: string; title: string }> = [
  { kind: 'front', title: 'Acknowledgements' },
  { kind: 'part', label: 'Part I', title: 'The Expert Guide' },
  { kind: 'essay', title: "Python's Infinite Adjacent Possibilities" },
  { kind: 'essay', title: 'Will Python Ever Become Fully Asynchronous?' },
  { kind: 'essay', title: "The Business Impact of Python 3.11's Performance Boost" },
  { kind: 'essay', title: 'Maximizing Value with Python: MVP Development in the Software Industry' },
  { kind: 'part', label: 'Part II', title: 'The Developer Report' },
  { kind: 'intro', title: 'Introduction' },
  { kind: 'report', label: 'REPORT 01', title: 'Who answered the survey?' },
  { kind: 'report', label: 'REPORT 02', title: 'Python now' },
  { kind: 'report', label: 'REPORT 03', title: 'Education & development' },
  { kind: 'report', label: 'REPORT 04', title: 'Tools & technologies' },
  { kind: 'report', label: "REPORT 05", title: "What's NEXT?" },
  { kind: 'back', title: 'About STX Next' },
];
/** The build appends the survey-data appendix (every chart's table) after the back matter. */
const GENERATED_AFTER = [{ kind: 'back', title: 'Survey data' }];

/** outline §5 "Expert commentary boxes": expert, role, and the chart the box follows (null: the closing box). */
const COMMENTARIES: ReadonlyArray<{ name: string; role: string; follows: string | null }> = [
  { name: 'Marcin Zabawa', role: 'Director of Core Services', follows: 'commercial-projects-count' },
  { name: 'Mikołaj Lewandowski', role: 'Expert Python Developer', follows: 'coding-experience-years' },
  { name: 'Marcin Zabawa', role: 'Director of Core Services', follows: 'biggest-challenges' },
  { name: 'Maciej Urbański', role: 'Expert Python Developer', follows: 'python-versions-used' },
  { name: 'Krzysztof Sopyła', role: 'Head of Machine Learning and Data Engineering', follows: 'areas-to-improve' },
  { name: 'Jakub Kołaczkowski', role: 'Senior Python Developer', follows: 'key-skills' },
  { name: 'Jakub Kołaczkowski', role: 'Senior Python Developer', follows: 'recommended-architecture' },
  { name: 'Maciej Urbański', role: 'Expert Python Developer', follows: 'ai-coding-assistant' },
  { name: 'Marek Bryling', role: 'Expert Software Engineer', follows: 'outdated-communication-tools' },
  { name: 'Krzysztof Sopyła', role: 'Head of Machine Learning and Data Engineering', follows: 'next-hot-topic' },
  { name: 'Mikołaj Lewandowski', role: 'Expert Python Developer', follows: 'expected-changes' },
  { name: 'Ronald Binkofski', role: 'CEO', follows: null },
];

/** outline §5: 17 fenced blocks = 14 logical listings, all in the asynchronous chapter. */
const CODE_LISTINGS = { count: 14, chapter: 'asynchronous-python' };
const CHARTS = 28;
/** outline §5 "Lost figures": 5 diagrams redrawn; the 6th (speed.python.org chart) is an editorial note. */
const DRAWN_FIGURES = 5;

/**
 * Seed extraction artifacts (outline §7) that must not appear in any output. The printed
 * forms of the corrections in manuscript/ERRATA.md are added to this list below.
 */
const ARTIFACTS: ReadonlyArray<{ text: string; why: string }> = [
  { text: '<div></div>', why: 'legend markers of lost charts (§7.4)' },
  { text: '(#)', why: 'empty links [name](#) (§7.5)' },
  { text: 'open- source', why: 'line-break hyphen in a heading (§7.7)' },
  { text: 'STXNEXT', why: 'logo text (§7.10)' },
  { text: '@ STX NEXT', why: 'layout affiliation line (§7.11)' },
  { text: '@ PYTHON SOFTWARE FOUNDATION', why: 'layout affiliation line (§7.11)' },
  { text: '$1.5', why: 'LaTeX math markup (§7.9)' },
  { text: '\\approx', why: 'LaTeX math markup (§7.9)' },
  { text: '| Introduction', why: 'pipe prefix of a heading (§7.8)' },
  { text: '| What is an MVP?', why: 'pipe prefix of a heading (§7.8)' },
];

// ---------------------------------------------------------------------------------------------
// Reading the outputs.
// ---------------------------------------------------------------------------------------------

interface Chapter {
  readonly kind: string;
  readonly label?: string;
  readonly title: string;
  readonly id: string;
}

function chapterOf(el: Element): Chapter {
  const kind = hasClass(el, 'part-opener') ? 'part' : (classes(el).find((c) => c.startsWith('kind-'))?.slice(5) ?? '?');
  const titleEl = findFirst(el, (e) => hasClass(e, 'chapter-title') || hasClass(e, 'part-title'));
  const labelEl = findFirst(el, (e) => hasClass(e, 'chapter-label') || hasClass(e, 'part-label'));
  const label = labelEl ? normaliseText(textOf(labelEl)) : undefined;
  return { kind, title: normaliseText(textOf(titleEl ?? el)), id: String(el.properties.id ?? ''), ...(label ? { label } : {}) };
}

/** The chapters of a document: elements carrying data-chapter, in document order. */
function chaptersIn(tree: Root): Chapter[] {
  return findAll(tree, (el) => 'dataChapter' in el.properties).map(chapterOf);
}

const expectedOrder = [...ORDER, ...GENERATED_AFTER].map((c) => ({
  kind: c.kind, title: normaliseText(c.title), ...('label' in c && c.label ? { label: c.label } : {}),
}));

/** Text plus every attribute value (alt, aria-label, title…): where an artifact could hide. */
function searchableText(tree: Root): string {
  const attrs = allElements(tree).flatMap((el) => Object.values(el.properties).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)])));
  return `${textOf(tree)}\n${attrs.join('\n')}`;
}

/** Heading texts for the contents comparison: curly quotes folded, no space around an em dash (line breaks in print). */
const tocText = (s: string) => normaliseText(s).replace(/\s*—\s*/g, '—');

interface TocEntry {
  readonly level: number;
  readonly title: string;
}

function webToc(tree: Root, withByline: boolean): TocEntry[] {
  const nav = findFirst(tree, (el) => el.tagName === 'nav' && hasClass(el, 'toc'));
  if (!nav) throw new Error('no nav.toc in the web edition');
  return findAll(nav, (el) => el.tagName === 'li' && hasClass(el, 'toc-entry')).map((li) => {
    const level = Number(/toc-level-(\d)/.exec(classes(li).join(' '))?.[1]);
    const text = findFirst(li, (el) => hasClass(el, 'toc-text'))!;
    return { level, title: tocText(textOf(text, (el) => !withByline && hasClass(el, 'toc-byline'))) };
  });
}

function epubToc(tree: Root): TocEntry[] {
  const nav = findFirst(tree, (el) => el.tagName === 'nav' && el.properties.id === 'toc');
  if (!nav) throw new Error('no nav#toc in toc.xhtml');
  const out: TocEntry[] = [];
  const walk = (ol: Element, level: number) => {
    for (const li of ol.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li')) {
      const a = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
      out.push({ level, title: tocText(textOf(a ?? li)) });
      for (const sub of li.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'ol')) walk(sub, level + 1);
    }
  };
  const top = nav.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
  if (top) walk(top, 1);
  return out;
}

function bookmarkToc(outlines: QpdfJson['outlines'], level = 1): Array<TocEntry & { page: number }> {
  return outlines.flatMap((o) => [{ level, title: tocText(o.title), page: o.destpageposfrom1 }, ...bookmarkToc(o.kids, level + 1)]);
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/**
 * The printed contents page, read back with `pdftotext -bbox-layout`: an entry starts on the
 * line that has a page number in the right-hand column at the same height; lines without one
 * continue the entry above (a wrapped title). The level is the rank of the entry's indent.
 */
function printedToc(first: number, last: number): TocEntry[] {
  const xml = run('pdftotext', ['-bbox-layout', '-f', String(first), '-l', String(last), pdf, '-']);
  const entries: Array<{ x: number; title: string }> = [];
  for (const page of xml.split('<page ').slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(page)?.[1]);
    const lines = [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)].map((m) => ({
      x: Number(m[1]), y: Number(m[2]), xMax: Number(m[3]),
      text: [...m[4]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decodeXml(w[1]!)).join(' '),
    }));
    const isPageNumber = (l: (typeof lines)[number]) => /^\d+$/.test(l.text) && l.xMax > width * 0.7;
    const numbers = lines.filter(isPageNumber);
    const text = lines
      .filter((l) => !isPageNumber(l) && !/^\d+$/.test(l.text) /* folio */ && l.text !== 'Contents' /* the page title */)
      .sort((a, b) => a.y - b.y || a.x - b.x);
    // An entry that wraps carries its page number on its last line: lines gather until one has it.
    let pending: Array<{ x: number; text: string }> = [];
    for (const l of text) {
      const own = /^(.*\S)\s+\d+$/.exec(l.text); // title and page number read as one line
      const numbered = numbers.some((n) => Math.abs(n.y - l.y) < 3) || (own && l.xMax > width * 0.7);
      pending.push({ x: l.x, text: own && l.xMax > width * 0.7 ? own[1]! : l.text });
      if (!numbered) continue;
      entries.push({ x: pending[0]!.x, title: pending.map((p) => p.text).join(' ') });
      pending = [];
    }
    if (pending.length > 0) throw new Error(`contents page: text with no page number: "${pending.map((p) => p.text).join(' ')}"`);
  }
  const indents = [...new Set(entries.map((e) => Math.round(e.x)))].sort((a, b) => a - b)
    .filter((x, i, all) => i === 0 || x - all[i - 1]! > 2);
  const levelOf = (x: number) => indents.filter((i) => i <= Math.round(x) + 2).length;
  return entries.map((e) => ({ level: levelOf(e.x), title: tocText(e.title) }));
}

const fmt = (list: readonly TocEntry[]) => list.map((e) => `${'  '.repeat(e.level - 1)}${e.title}`);

// ---------------------------------------------------------------------------------------------

let web: Root;
let webHtml: string;
const epub = new Map<string, string>(); // file name in the zip → text
const epubTrees = new Map<string, Root>();
let spine: string[] = [];

beforeAll(async () => {
  webHtml = readFileSync(join(dist, 'web', 'all', 'index.html'), 'utf8');
  web = parseHtml(webHtml);
  const zip = await JSZip.loadAsync(readFileSync(join(dist, 'python-tech-radar.epub')));
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xhtml|opf|ncx)$/.test(name)) continue;
    const text = await file.async('string');
    epub.set(name, text);
    if (name.endsWith('.xhtml')) epubTrees.set(name, parseHtml(text));
  }
  const [opfName, opf] = [...epub].find(([n]) => n.endsWith('.opf'))!;
  const dir = opfName.includes('/') ? opfName.slice(0, opfName.lastIndexOf('/') + 1) : '';
  const hrefs = new Map([...opf.matchAll(/<item\s[^>]*>/g)].map((m) => [/id="([^"]+)"/.exec(m[0])?.[1], /href="([^"]+)"/.exec(m[0])?.[1]]));
  spine = [...opf.matchAll(/<itemref\s[^>]*idref="([^"]+)"/g)].map((m) => `${dir}${hrefs.get(m[1]!)}`);
});

describe('the order of the report', () => {
  it('web edition: front matter, Part I with 4 essays, Part II with the introduction and 5 report sections, About STX Next', () => {
    const chapters = chaptersIn(web).map(({ id: _, ...c }) => c);
    console.log(`structure: web chapters in order: ${chapters.map((c) => `${c.kind}:${c.label ? `${c.label} ` : ''}${c.title}`).join(' → ')}`);
    expect(chapters).toEqual(expectedOrder);
    // Part membership: the contents nests the 4 essays under Part I, the intro and reports under Part II.
    const toc = webToc(web, false);
    const under = (part: string) => {
      const i = toc.findIndex((e) => e.level === 1 && e.title.startsWith(part));
      const end = toc.findIndex((e, k) => k > i && e.level === 1);
      return toc.slice(i + 1, end < 0 ? undefined : end).filter((e) => e.level === 2).map((e) => e.title);
    };
    expect(under('Part I:')).toEqual(ORDER.filter((c) => c.kind === 'essay').map((c) => tocText(c.title)));
    expect(under('Part II:')).toEqual(ORDER.filter((c) => c.kind === 'intro' || c.kind === 'report').map((c) => tocText(c.title)));
  });

  it('ePub: the spine reads the same chapters in the same order', () => {
    const chapters = spine.flatMap((f) => {
      const tree = epubTrees.get(f);
      return tree ? chaptersIn(tree).map(({ id: _, ...c }) => c) : [];
    });
    expect(chapters).toEqual(expectedOrder);
  });

  it.skipIf(!hasValidator('qpdf'))('PDF: the bookmarks follow the pages in reading order', () => {
    const marks = bookmarkToc(qpdfJson(pdf).outlines);
    const pages = marks.map((m) => m.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });
});

describe('the elements of the report', () => {
  const editions = () => [
    { name: 'web', trees: [web] },
    { name: 'ePub', trees: spine.map((f) => epubTrees.get(f)).filter((t): t is Root => t !== undefined) },
  ];
  const all = (trees: Root[], test: (el: Element) => boolean) => trees.flatMap((t) => findAll(t, test));

  it('has the 12 expert commentaries with the right experts, in order, each after its chart', () => {
    for (const { name, trees } of editions()) {
      const asides = all(trees, (el) => el.tagName === 'aside' && hasClass(el, 'commentary'));
      const found = asides.map((a) => ({
        name: normaliseText(textOf(findFirst(a, (e) => hasClass(e, 'byline-name')) ?? a)),
        role: normaliseText(textOf(findFirst(a, (e) => hasClass(e, 'byline-role')) ?? a)),
      }));
      if (name === 'web') console.log(`structure: ${asides.length} commentaries: ${found.map((f) => f.name).join(', ')}`);
      expect(found, name).toEqual(COMMENTARIES.map(({ name: n, role }) => ({ name: n, role })));
      // Each box comes after the chart of the question it comments on (the nearest chart before it).
      const order = trees.flatMap((t) => allElements(t)).filter((el) => (el.tagName === 'aside' && hasClass(el, 'commentary')) || (el.tagName === 'figure' && hasClass(el, 'chart')));
      let lastChart: string | undefined;
      let k = 0;
      for (const el of order) {
        if (el.tagName === 'figure') lastChart = String(el.properties.dataQuestion);
        else {
          const want = COMMENTARIES[k++]!.follows;
          if (want) expect(lastChart, `${name}: commentary ${k} (${COMMENTARIES[k - 1]!.name})`).toBe(want);
        }
      }
    }
  });

  it('has the 14 code listings, all in the asynchronous chapter, 28 charts and 5 drawn figures', () => {
    for (const { name, trees } of editions()) {
      const listings = all(trees, (el) => el.tagName === 'pre' && hasClass(el, 'code'));
      const inChapter = trees.flatMap((t) => findAll(t, (el) => el.properties.id === CODE_LISTINGS.chapter && 'dataChapter' in el.properties))
        .flatMap((ch) => findAll(ch, (el) => el.tagName === 'pre' && hasClass(el, 'code')));
      const charts = all(trees, (el) => el.tagName === 'figure' && hasClass(el, 'chart'));
      const drawings = all(trees, (el) => el.tagName === 'figure' && hasClass(el, 'drawing'));
      if (name === 'web') console.log(`structure: ${listings.length} code listings (${inChapter.length} in ${CODE_LISTINGS.chapter}), ${charts.length} charts, ${drawings.length} drawn figures`);
      expect(listings.length, `${name}: code listings`).toBe(CODE_LISTINGS.count);
      expect(inChapter.length, `${name}: code listings in ${CODE_LISTINGS.chapter}`).toBe(CODE_LISTINGS.count);
      expect(charts.length, `${name}: charts`).toBe(CHARTS);
      expect(new Set(charts.map((c) => c.properties.dataQuestion)).size, `${name}: distinct chart questions`).toBe(CHARTS);
      expect(drawings.length, `${name}: drawn figures`).toBe(DRAWN_FIGURES);
    }
  });

  it.runIf(existsSync(OUTLINE))('expects the commentaries the seed outline lists (outline.md §5)', () => {
    const md = readFileSync(OUTLINE, 'utf8');
    const start = md.indexOf('### Expert commentary boxes');
    const end = md.slice(start + 1).search(/\n#{2,3} /);
    const section = md.slice(start, end < 0 ? undefined : start + 1 + end);
    const rows = section.split('\n').filter((l) => /^\|\s*\d+\s*\|/.test(l)).map((l) => l.split('|').map((c) => c.trim()));
    expect(rows.map((r) => r[4])).toEqual(COMMENTARIES.map((c) => c.name));
    expect(rows.map((r) => r[5]!.replace(/\s*\(.*\)$/, ''))).toEqual(COMMENTARIES.map((c) => c.role));
    expect(rows.map((r) => (r[3]!.startsWith('(') ? null : r[3]))).toEqual(COMMENTARIES.map((c) => c.follows));
  });
});

describe('no seed artifact in any output', () => {
  const artifacts = () => [
    ...ARTIFACTS,
    ...readCorrections(join(ROOT, 'manuscript', 'ERRATA.md'))
      .map((c) => ({ text: c.printed, why: `corrected in ERRATA.md (L${c.lines.join(', L')}: ${c.why})` })),
  ];
  const hits = (where: string, text: string) =>
    artifacts().filter((a) => text.includes(a.text)).map((a) => `${where}: "${a.text}" (${a.why})`);

  it('web edition (text and attributes)', () => {
    const found = hits('dist/web/index.html', searchableText(web));
    expect(found, found.join('\n')).toEqual([]);
    expect(findAll(web, (el) => el.tagName === 'a' && el.properties.href === '#'), 'empty links').toEqual([]);
  });

  it('ePub (every XHTML file, text and attributes; the package and NCX)', () => {
    const found = [...epub].flatMap(([name, text]) => hits(name, epubTrees.has(name) ? searchableText(epubTrees.get(name)!) : decodeXml(text)));
    expect(found, found.join('\n')).toEqual([]);
    const empty = [...epubTrees].flatMap(([name, t]) => findAll(t, (el) => el.tagName === 'a' && el.properties.href === '#').map(() => name));
    expect(empty, 'empty links').toEqual([]);
  });

  it.skipIf(!hasValidator('pdftotext'))('PDF (text of every page, line by line)', () => {
    const lines = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split(/\n|\f/);
    const found = lines.flatMap((l, i) => hits(`PDF text line ${i + 1}`, l));
    expect(found, found.join('\n')).toEqual([]);
  });

  it('no paragraph has a section heading glued to its prose (a running header repeated mid-text)', () => {
    // Headings of 3 words or more (shorter ones like "MVP" or "asyncio" are ordinary words).
    // A heading cited on purpose is a cross-reference link, so link text is left out.
    for (const [name, trees] of [['web', [web]], ['ePub', [...epubTrees.values()]]] as const) {
      const articles = trees.flatMap((t) => findAll(t, (el) => 'dataChapter' in el.properties));
      const headings = new Set(articles.flatMap((a) => findAll(a, (el) => /^h[1-6]$/.test(el.tagName)))
        .map((h) => normaliseText(textOf(h))).filter((h) => h.split(' ').length >= 3));
      const glued = articles.flatMap((a) => findAll(a, (el) => el.tagName === 'p' || el.tagName === 'li'))
        .map((p) => normaliseText(textOf(p, (el) => el.tagName === 'a')))
        .flatMap((p) => [...headings].filter((h) => p !== h && p.includes(h)).map((h) => `${name}: "${h}" inside "${p.slice(0, 160)}…"`));
      expect(headings.size, name).toBeGreaterThan(100);
      expect(glued, glued.join('\n')).toEqual([]);
    }
  });
});

describe('one list of headings in the printed contents, PDF bookmarks, ePub nav and web contents', () => {
  // All four list parts (level 1, with front and back matter), chapters (level 2) and the
  // chapters' top sections (level 3), so all three levels are compared.
  it('ePub nav = web contents', () => {
    const nav = epubToc(epubTrees.get([...epubTrees.keys()].find((n) => n.endsWith('toc.xhtml'))!)!);
    const toc = webToc(web, false);
    console.log(`structure: contents ${toc.length} entries (${[1, 2, 3].map((l) => `${toc.filter((e) => e.level === l).length} at level ${l}`).join(', ')})`);
    expect(fmt(nav)).toEqual(fmt(toc));
    expect(new Set(toc.map((e) => e.level))).toEqual(new Set([1, 2, 3]));
  });

  it.skipIf(!hasValidator('qpdf'))('PDF bookmarks = web contents', () => {
    const marks = bookmarkToc(qpdfJson(pdf).outlines);
    expect(fmt(marks)).toEqual(fmt(webToc(web, false)));
  });

  it.skipIf(!hasValidator('pdftotext') || !hasValidator('qpdf'))('printed contents page = web contents (with the bylines both show)', () => {
    // The contents pages run from the page titled "Contents" to the page before the next bookmark's page.
    const pages = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\f');
    const first = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p.split('\n').find((l) => l.trim() !== '') ?? '')) + 1;
    expect(first, 'a page starting with "Contents"').toBeGreaterThan(0);
    const next = Math.min(...bookmarkToc(qpdfJson(pdf).outlines).map((m) => m.page).filter((p) => p > first));
    const printed = printedToc(first, next - 1);
    expect(fmt(printed)).toEqual(fmt(webToc(web, true)));
  });
});
