import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import type { Element as XElement, Nodes as XNodes } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { combinedEdits } from './helpers/combined-edits.js';
import { expectRefused, withPreviousDist } from './helpers/previous-dist.js';
import { runCli } from './helpers/run-cli.js';
import { refusedTogether, type TogetherCase } from './helpers/refused-together.js';
import { seedCache, warmCache } from './helpers/warm-cache.js';
import { epubcheck } from './helpers/epubcheck.js';
import { unzipEpub } from './helpers/unzip-epub.js';
import { elements, listPages, parsePage } from './helpers/web-site.js';
import { RESERVED_NAMES } from '../scripts/chapters/edition-names.js';

/**
 * Issue 21, classes 1, 2 and the bidi part of 5: outputs that must be well-formed and unique
 * whatever the sources hold, built by the real command line. A refused source ends with a located
 * error and the previous dist/ as it was (the refused ways are tried together, each in a chapter
 * of its own, in one build per stage that refuses them: the build reports every error at once); a source that builds gives web pages and ePub files whose ids are unique (without case),
 * whose inline SVG refers only to its own ids, and an ePub EPUBCheck passes with 0 errors and 0
 * warnings.
 */
const temps: string[] = [];
const CHAPTER = 'manuscript/02-first-essay.md';
const SURVEY = 'manuscript/03-survey.md';
const BOOK = 'manuscript/book.yaml';

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** The unbroken book's cache, for every book below (helpers/warm-cache.ts): each makes only what its edit changed. */
const cache = warmCache(['build', '--only', 'web,epub'], temps);

async function book(edit: Parameters<typeof makeFixtureBook>[0] = {}): Promise<string> {
  const root = await makeFixtureBook(edit);
  temps.push(root);
  await seedCache(root, await cache());
  return withPreviousDist(root);
}

/** Line:column (1-based) of the first `needle` in `text`, as an editor shows it. */
function at(text: string, needle: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset === -1) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}


/** Builds the web edition and the ePub, and checks both: ids, SVG references, EPUBCheck. */
async function buildAndCheck(root: string): Promise<{ web: string; oebps: string }> {
  const result = await runCli(root, ['build', '--only', 'web,epub']);
  expect(result.code, result.stderr).toBe(0);
  const web = join(root, 'dist', 'web');
  for (const page of listPages(web)) checkTree(parsePage(join(web, page)), page);
  const epub = join(root, 'dist', 'fixture-book.epub');
  const check = epubcheck(epub);
  expect({ fatals: check.fatals, errors: check.errors, warnings: check.warnings }, check.output).toEqual({ fatals: 0, errors: 0, warnings: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'ptr-epub-'));
  temps.push(dir);
  const oebps = await unzipEpub(epub, dir);
  for (const name of readdirSync(oebps).filter((n) => n.endsWith('.xhtml'))) {
    // As an e-reader reads it: XML, or nothing.
    checkXml(fromXml(await readFile(join(oebps, name), 'utf8')), name);
  }
  return { web, oebps };
}

/** No id twice (without case), and each SVG's `url(#…)` and `href="#…"` point inside that SVG. */
function checkTree(tree: Root, page: string): void {
  const ids = elements(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id).toLowerCase());
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), `ids twice on ${page}`).toEqual([]);
  for (const svg of elements(tree, (e) => e.tagName === 'svg')) {
    const own = new Set(elements(svg, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id)));
    const refs = elements(svg, () => true).flatMap((e) => Object.entries(e.properties).flatMap(([key, v]) => svgRefs(key, String(v))));
    expect(refs.filter((r) => !own.has(r)), `references out of an SVG on ${page}`).toEqual([]);
  }
}

function checkXml(tree: XNodes, name: string): void {
  const all: XElement[] = [];
  const walk = (n: XNodes) => {
    if (n.type === 'element') all.push(n);
    if ('children' in n) n.children.forEach(walk);
  };
  walk(tree);
  const ids = all.flatMap((e) => (typeof e.attributes.id === 'string' ? [e.attributes.id.toLowerCase()] : []));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), `ids twice in ${name}`).toEqual([]);
}

function svgRefs(key: string, value: string): string[] {
  const refs = [...value.matchAll(/url\(\s*['"]?#([^'")]+)/g)].map((m) => m[1]!);
  return (key === 'href' || key === 'xLinkHref') && value.startsWith('#') ? [...refs, value.slice(1)] : refs;
}

function idsOfPage(web: string, page: string): string[] {
  return elements(parsePage(join(web, page)), (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id));
}

function hrefsOfPage(web: string, page: string): Map<string, string> {
  return new Map(elements(parsePage(join(web, page)), (e) => e.tagName === 'a' && typeof e.properties.href === 'string')
    .map((e) => [elementText(e), String(e.properties.href)] as const));
}

function elementText(e: Element): string {
  return e.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? elementText(c) : '')).join('');
}

const GRADIENT_BOX = (colour: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" role="img" aria-labelledby="t"><title id="t">A ${colour} box</title><defs><linearGradient id="g"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="${colour}"/></linearGradient></defs><rect x="5" y="5" width="90" height="30" fill="url(#g)"/></svg>`;

/** A case that builds: its edits of the fixture book (as makeFixtureBook's), then the files it makes from the book's own. */
interface BuildingCase {
  readonly edit?: NonNullable<Parameters<typeof makeFixtureBook>[0]>;
  readonly setup?: (root: string) => Promise<void>;
}

/**
 * Cases that build, several in one book, built and checked (buildAndCheck: ids, SVG references,
 * XML, EPUBCheck) once when a test first asks for it, instead of a build and an EPUBCheck per case
 * (~6 s of CPU each, measured: 10 books → 3 saved 41 s). Each case adds its own content (a
 * heading, a figure, a chapter, a chart) where no other case of its book looks, so each `it` reads
 * its own facts from the one build, as from a book of its own; the cases that would see each
 * other's content have books apart.
 */
function builtTogether(cases: readonly BuildingCase[]): () => Promise<{ web: string; oebps: string }> {
  let built: Promise<{ web: string; oebps: string }> | undefined;
  return () => (built ??= (async () => {
    const root = await book(combinedEdits(...cases.map((c) => c.edit ?? {})));
    for (const c of cases) await c.setup?.(root);
    return buildAndCheck(root);
  })());
}

const ESCAPED_TEXT: BuildingCase = {
  edit: {
    [CHAPTER]: (t) => t.replace('alt="A blue box."', 'alt="A < B & C \'q\' ]]> box."')
      .replace('A commentary paragraph.', 'A commentary paragraph: if a < b && b > c then ]]> ends nothing.'),
  },
};
const HEADING_NAMED_LIKE_A_FIGURE: BuildingCase = {
  edit: {
    'manuscript/figures/1.svg': GRADIENT_BOX('#2b5b9e'),
    [CHAPTER]: (t) => t.replace('## Introduction', '# Figure 1\n\nSee [the heading](#figure-1).\n\n:::figure{src="figures/1.svg" alt="One." title="One"}\nThe figure.\n:::\n\n## Introduction'),
  },
};
const HEADINGS_OF_ONE_TEXT: BuildingCase = {
  edit: {
    [CHAPTER]: (t) => `${t}\n## Results\n\nFirst. See [the second](#results-1).\n\n## Results\n\nSecond.\n`,
    [SURVEY]: (t) => `${t}\n## Results\n\nIn the survey.\n\n## Introduction\n\nAgain.\n`,
  },
};
/** The survey's footnote [^-collide] is `survey-fn--collide`; chapter survey-fn's heading "Collide" would be the same id. */
const HEADING_NAMED_LIKE_A_FOOTNOTE: BuildingCase = {
  edit: {
    [SURVEY]: (t) => t.replace('of respondents like fixtures.[^n]', 'of respondents like fixtures.[^n] And a second note.[^-collide]').concat('[^-collide]: The second footnote.\n'),
    'manuscript/04-survey-fn.md': '---\ntitle: Footnote neighbours\nkind: back\n---\n\nSee [the heading](#collide).\n\n## Collide\n\nText.\n',
    [BOOK]: (t) => `${t}  - 04-survey-fn.md\n`,
  },
};
const CHAPTER_NAMED_LIKE_A_CHART: BuildingCase = {
  edit: {
    'manuscript/04-chart-likes-fixtures.md': '---\ntitle: A chapter named like a chart\nkind: back\n---\n\nText.\n',
    [BOOK]: (t) => `${t}  - 04-chart-likes-fixtures.md\n`,
  },
};
const FIGURES_APART_BY_CASE: BuildingCase = {
  edit: {
    'manuscript/figures/Box.svg': GRADIENT_BOX('#c0392b'),
    'manuscript/figures/box.svg': GRADIENT_BOX('#2b5b9e'),
    [CHAPTER]: (t) => t.replace(':::figure{src="figures/box.svg"', ':::figure{src="figures/Box.svg" alt="A red box." title="Red"}\nRed.\n:::\n\n:::figure{src="figures/box.svg"'),
  },
};
const FIGURES_OF_ONE_FILE_NAME: BuildingCase = {
  edit: {
    [CHAPTER]: (t) => t.replace(':::figure{src="figures/box.svg"', ':::figure{src="figures/red/box.svg" alt="A red box." title="Red"}\nRed.\n:::\n\n:::figure{src="figures/box.svg"'),
  },
  setup: async (root) => {
    await mkdir(join(root, 'manuscript/figures/red'));
    await writeFile(join(root, 'manuscript/figures/red/box.svg'), GRADIENT_BOX('#c0392b'));
    await writeFile(join(root, 'manuscript/figures/box.svg'), GRADIENT_BOX('#2b5b9e'));
  },
};
const CHARTS_OF_NESTED_IDS: BuildingCase = {
  edit: { [SURVEY]: (t) => `${t}\n::chart{#likes-fixtures-narrow}\n` },
  setup: async (root) => {
    const data = await readFile(join(root, 'charts/data/likes-fixtures.yaml'), 'utf8');
    await writeFile(join(root, 'charts/data/likes-fixtures-narrow.yaml'), data.replace('id: likes-fixtures', 'id: likes-fixtures-narrow'));
    await writeFile(join(root, 'charts/likes-fixtures-narrow.vl.json'), (await readFile(join(root, 'charts/likes-fixtures.vl.json'), 'utf8')).replaceAll('likes-fixtures', 'likes-fixtures-narrow'));
  },
};
const SITE_EDITION: BuildingCase = { edit: { [BOOK]: (t) => t.replace('output: fixture-book', 'output: fixture-book\nsite: https://example.org/book/') } };
const BALANCED_BIDI: BuildingCase = { edit: { [CHAPTER]: (t) => t.replace('says "hello"', 'says \u2067שלום\u2069 and \u200fhello\u200e') } };

/**
 * Three books for the ten cases that build. In the fixture's own chapters: the cases that edit a
 * text of their own there (an alt text and a paragraph, a heading and figure before the
 * introduction, headings after the last paragraph, a chart after the survey's, book.yaml's site,
 * the greeting). With added chapters: the cases that add chapters (the site's case counts every
 * name beside the fixture's chapters, so it is not in this book) and the case of figures apart by
 * case. Alone: the figures of one file name, which reads the colour of every gradient on the
 * essay's page (the figures of the two cases before paint gradients there, and the case figures'
 * `figure-box` rename is what the other tests).
 */
const inFixtureChapters = builtTogether([ESCAPED_TEXT, HEADING_NAMED_LIKE_A_FIGURE, HEADINGS_OF_ONE_TEXT, CHARTS_OF_NESTED_IDS, SITE_EDITION, BALANCED_BIDI]);
const withAddedChapters = builtTogether([HEADING_NAMED_LIKE_A_FOOTNOTE, CHAPTER_NAMED_LIKE_A_CHART, FIGURES_APART_BY_CASE]);
const withFiguresOfOneFileName = builtTogether([FIGURES_OF_ONE_FILE_NAME]);

/** Each case's edit on its own copy of the essay, named `<number>-<what>-<n>.md` (so its id is unique). */
const copies = (what: string, rows: ReadonlyArray<readonly [name: string, from: string, to: string, char: string, message: string]>) =>
  rows.map(([name, from, to, char, message], i) => [name, `${10 + i}-${what}-${i + 1}.md`, from, to, char, message] as const);
const essayCopy = (from: string, to: string) => (essay: string) => {
  expect(essay, `the essay must contain ${JSON.stringify(from)}`).toContain(from);
  return essay.replace(from, to);
};

const FORBIDDEN = copies('forbidden', [
  ['U+000B in a paragraph', 'The essay\'s first paragraph', 'The essay\'s\u000bfirst paragraph', '\u000b', 'U+000B (LINE TABULATION)'],
  ['a NUL in a paragraph (not published as U+FFFD)', 'says "hello"', 'says\u0000"hello"', '\u0000', 'U+0000 (NULL)'],
  ['ESC inside a code listing', 'print("it\'s a test")', 'print("\u001b[2Jit\'s a test")', '\u001b', 'U+001B (ESCAPE)'],
  ['U+FFFF in the front matter\'s title', 'an Essay"', 'an Essay\uffff"', '\uffff', 'U+FFFF (a noncharacter)'],
  ['a C1 control (CSI) in a heading', '## A code listing', '## A code\u009b listing', '\u009b', 'U+009B (CONTROL SEQUENCE INTRODUCER)'],
]);
const BIDI = copies('bidi', [
  ['U+202E in a fenced listing', 'print("it\'s a test")', 'print("it\'s \u202ea test")', '\u202e', 'U+202E (RIGHT-TO-LEFT OVERRIDE) in code'],
  ['U+2066 in inline code', 'says "hello"', 'says `x = \u2066y`', '\u2066', 'U+2066 (LEFT-TO-RIGHT ISOLATE) in code'],
  ['a mark (U+200F) in code', 'print("it\'s a test")', 'print("it\'s\u200f a test")', '\u200f', 'U+200F (RIGHT-TO-LEFT MARK) in code'],
  ['U+202E in a heading', '## A code listing', '## A code \u202elisting', '\u202e', 'U+202E (RIGHT-TO-LEFT OVERRIDE) in a heading'],
  ['U+2067 in the front matter\'s title', 'an Essay"', 'an \u2067Essay\u2069"', '\u2067', 'U+2067 (RIGHT-TO-LEFT ISOLATE) in the front matter'],
  ['an embedding (U+202B) in prose', 'says "hello"', 'says \u202b"hello"', '\u202b', 'U+202B (RIGHT-TO-LEFT EMBEDDING): a bidi embedding or override'],
  ['an isolate left open in its paragraph', 'says "hello"', 'says \u2067"hello"', '\u2067', 'U+2067 (RIGHT-TO-LEFT ISOLATE) is not closed in its paragraph'],
  ['a pop that closes no isolate', 'says "hello"', 'says "hello"\u2069', '\u2069', 'U+2069 (POP DIRECTIONAL ISOLATE) closes no isolate of its paragraph'],
]);
/** The bidi case in the front matter, refused while loading (the others, in Markdown, while compiling). */
const BIDI_TITLE = BIDI[4]![1];
const BIDI_FIGURE = '30-bidi-figure.md';
const BIDI_IMAGE = '31-bidi-image.md';
const ID_ATTRIBUTE = '32-id-attribute.md';
const FULL_OF_NULS = '33-full-of-nuls.md';
const RESERVED = ['all', 'search', 'survey-data', 'index', 'cover', 'toc', 'og', 'data', 'assets'];
const reservedChapter = (name: string): TogetherCase => ({ chapter: `04-${name}.md`, text: () => '---\ntitle: A chapter\nkind: back\n---\n\nText.\n' });

/**
 * The refused cases, tried together (helpers/refused-together.ts): those refused while loading
 * (characters, front matter, chapter names in book.yaml) in one build, those refused while
 * compiling (bidi controls in Markdown, directive attributes) in another.
 */
const loading = refusedTogether([
  ...FORBIDDEN.map(([, chapter, from, to]) => ({ chapter, text: essayCopy(from, to) })),
  { chapter: FULL_OF_NULS, text: (essay: string) => `${essay}\n${'\u0000'.repeat(5000)}\n` },
  ...BIDI.filter(([, chapter]) => chapter === BIDI_TITLE).map(([, chapter, from, to]) => ({ chapter, text: essayCopy(from, to) })),
  ...[...RESERVED, 'first--essay'].map(reservedChapter),
], ['build', '--only', 'web'], {}, temps);
const compiling = refusedTogether([
  ...BIDI.filter(([, chapter]) => chapter !== BIDI_TITLE).map(([, chapter, from, to]) => ({ chapter, text: essayCopy(from, to) })),
  { chapter: BIDI_FIGURE, text: essayCopy('title="A box"', 'title="A \u202ebox"') },
  { chapter: BIDI_IMAGE, text: essayCopy('## A code listing', '![A \u2067box](figures/box.svg)\n\n## A code listing') },
  { chapter: ID_ATTRIBUTE, text: essayCopy(':::quote{by="Rob Pike"}', ':::quote{#figure-box by="Rob Pike"}') },
], ['build', '--only', 'web'], {}, temps);

describe('class 1: characters XML forbids, and text that must be escaped', () => {
  it.each(FORBIDDEN)('%s is refused at its line and column', async (_, chapter, _from, _to, char, name) => {
    const { root, result, path, text } = await loading();
    expect(result.stderr).toContain(`${path(chapter)}:${at(await text(chapter), char)}: error: ${name} is a control character no edition may carry [forbidden-character]`);
    expect(result.stderr).toContain('hint: delete it');
    await expectRefused(root, result);
  });

  it('a file full of NULs is reported in a few lines, not one per character', async () => {
    const { root, result, path } = await loading();
    // Its own lines: the other files of this build have their own (the limit is per file).
    expect(result.stderr.split('\n').filter((l) => l.startsWith(`${path(FULL_OF_NULS)}:`) && l.includes('[forbidden-character]'))).toHaveLength(11);
    expect(result.stderr).toContain('4990 more characters like these (10 are listed)');
    await expectRefused(root, result);
  });

  it('"<", "&", quotes and "]]>" in an alt text (an aria-label) and in prose give well-formed XHTML that says them', async () => {
    const { oebps, web } = await inFixtureChapters();
    // Read back as XML, the file says what the author wrote.
    const xml = fromXml(await readFile(join(oebps, 'first-essay.xhtml'), 'utf8'));
    const all: XElement[] = [];
    const walk = (n: XNodes) => { if (n.type === 'element') all.push(n); if ('children' in n) n.children.forEach(walk); };
    walk(xml);
    expect(all.filter((e) => e.attributes['aria-label'] === 'A < B & C \'q\' ]]> box.')).toHaveLength(1);
    const texts = all.flatMap((e) => e.children.flatMap((c) => (c.type === 'text' ? [c.value] : [])));
    expect(texts.some((t) => t.includes('if a < b && b > c then ]]> ends nothing.'))).toBe(true);
    const graphic = elements(parsePage(join(web, 'part-1/first-essay/index.html')), (e) => e.properties.ariaLabel === 'A < B & C \'q\' ]]> box.');
    expect(graphic).toHaveLength(1);
  });
});

describe('class 1: ids are unique in every document', () => {
  it('a heading "# Figure 1" next to the figure whose id is figure-1: both keep their own id, the link goes to the heading', async () => {
    const { web, oebps } = await inFixtureChapters();
    const ids = idsOfPage(web, 'part-1/first-essay/index.html');
    expect(ids).toContain('figure-1');
    expect(ids).toContain('first-essay--figure-1');
    expect(hrefsOfPage(web, 'part-1/first-essay/index.html').get('the heading')).toBe('#first-essay--figure-1');
    expect(await readFile(join(oebps, 'first-essay.xhtml'), 'utf8')).toContain('<figure class="figure drawing" id="figure-1">');
  });

  it('two headings of one text in one chapter, and the same headings in two chapters, on "read all" and in the ePub', async () => {
    const { web } = await inFixtureChapters();
    const all = idsOfPage(web, 'all/index.html');
    expect(all).toEqual(expect.arrayContaining(['first-essay--results', 'first-essay--results-1', 'survey--results', 'survey--introduction', 'first-essay--introduction']));
    expect(hrefsOfPage(web, 'part-1/first-essay/index.html').get('the second')).toBe('#first-essay--results-1');
  });

  it('a heading whose id would be another chapter\'s footnote id is renamed apart, with its links', async () => {
    const { web } = await withAddedChapters();
    const all = idsOfPage(web, 'all/index.html');
    expect(all).toContain('survey-fn--collide');
    expect(all).toContain('survey-fn--survey-fn--collide');
    expect(hrefsOfPage(web, 'survey-fn/index.html').get('the heading')).toBe('#survey-fn--survey-fn--collide');
  });

  it('a chapter whose id is a chart\'s id: the chart keeps it (the appendix links to it), the chapter\'s own is renamed', async () => {
    const { web } = await withAddedChapters();
    const all = parsePage(join(web, 'all/index.html'));
    const holder = elements(all, (e) => e.properties.id === 'chart-likes-fixtures');
    expect(holder.map((e) => e.tagName)).toEqual(['figure']);
    expect(elements(all, (e) => e.properties.id === 'chart-likes-fixtures--chart-likes-fixtures').map((e) => e.tagName)).toEqual(['article']);
  });

  it('two figures whose ids differ only by case, and their SVG ids, are told apart', async () => {
    const { web } = await withAddedChapters();
    const ids = idsOfPage(web, 'part-1/first-essay/index.html');
    expect(ids).toContain('figure-Box');
    expect(ids).toContain('first-essay--figure-box');
  });

  it('two figures of one file name (in two folders) on one page: each SVG paints with its own gradient', async () => {
    const { web } = await withFiguresOfOneFileName();
    // checkTree has found every url(#…) inside its own SVG; each gradient holds its own colour.
    const tree = parsePage(join(web, 'part-1/first-essay/index.html'));
    const colours = elements(tree, (e) => e.tagName === 'svg' && elements(e, (g) => g.tagName === 'lineargradient' || g.tagName === 'linearGradient').length > 0).map((svg) => {
      const fill = String(elements(svg, (r) => r.tagName === 'rect' && String(r.properties.fill ?? '').startsWith('url('))[0]!.properties.fill);
      const gradient = elements(svg, (g) => `url(#${String(g.properties.id)})` === fill)[0]!;
      return String(elements(gradient, (s) => s.tagName === 'stop')[0]!.properties.stopColor);
    });
    expect(colours).toEqual(['#c0392b', '#2b5b9e']);
  });

  it('two charts whose SVG ids would collide (`q` narrow and `q-narrow` wide) keep their clip paths apart', async () => {
    const { web } = await inFixtureChapters();
    const ids = idsOfPage(web, 'part-1/survey/index.html').filter((id) => id.includes('clip'));
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('an id attribute on a directive (`{#figure-box}`) is refused where it is written', async () => {
    const { root, result, path, text } = await compiling();
    expect(result.stderr).toContain(`${path(ID_ATTRIBUTE)}:${at(await text(ID_ATTRIBUTE), ':::quote')}: error: unknown attribute "id" on directive "quote"`);
    await expectRefused(root, result);
  });
});

describe('class 2: names the editions use', () => {
  it.each(RESERVED)('a chapter named "%s" is refused at its entry in book.yaml', async (name) => {
    const { root, result } = await loading();
    const yaml = await readFile(join(root, BOOK), 'utf8');
    expect(result.stderr).toContain(`${BOOK}:${at(yaml, `04-${name}.md`)}: error: chapter 04-${name}.md: the chapter id "${name}" is a name the editions use for ${RESERVED_NAMES.get(name)} [chapter-id]`);
    expect(result.stderr).toContain(`the editions reserve ${[...RESERVED_NAMES.keys()].sort().join(', ')}`);
    await expectRefused(root, result);
  });

  it('a chapter id holding "--" (the separator of heading ids) is refused', async () => {
    const { root, result } = await loading();
    expect(result.stderr).toContain('error: chapter 04-first--essay.md: the chapter id "first--essay" holds "--" [chapter-id]');
    await expectRefused(root, result);
  });

  it('every file and folder the editions write beside the chapters is a reserved name', async () => {
    const { web, oebps } = await inFixtureChapters();
    const chapters = new Set(['part-1', 'first-essay', 'survey']);
    const stem = (name: string) => name.replace(/\..*$/, '');
    const webNames = readdirSync(web).map(stem).filter((n) => !chapters.has(n));
    const epubNames = readdirSync(oebps).map(stem).filter((n) => !chapters.has(n));
    const ogNames = readdirSync(join(web, 'og')).map(stem).filter((n) => !chapters.has(n));
    expect([...webNames, ...epubNames, ...ogNames].filter((n) => !RESERVED_NAMES.has(n))).toEqual([]);
    expect(webNames).toEqual(expect.arrayContaining(['index', 'all', 'search', 'survey-data', 'og', 'data', 'downloads', 'assets', 'sitemap']));
  });
});

describe('class 5: bidirectional controls ("Trojan Source")', () => {
  it.each(BIDI)('%s is refused at its line and column', async (_, chapter, _from, _to, char, message) => {
    const { root, result, path, text } = await (chapter === BIDI_TITLE ? loading() : compiling());
    expect(result.stderr).toContain(`${path(chapter)}:${at(await text(chapter), char)}: error: ${message}`);
    expect(result.stderr).toContain('[bidi-control]');
    await expectRefused(root, result);
  });

  it('a bidi control in a figure\'s title (a directive attribute) is refused at the directive', async () => {
    const { root, result, path, text } = await compiling();
    expect(result.stderr).toContain(`${path(BIDI_FIGURE)}:${at(await text(BIDI_FIGURE), ':::figure')}: error: U+202E (RIGHT-TO-LEFT OVERRIDE) in the title of the figure directive`);
    await expectRefused(root, result);
  });

  it('a bidi control in an image\'s alt text is refused at the image', async () => {
    const { root, result, path, text } = await compiling();
    expect(result.stderr).toContain(`${path(BIDI_IMAGE)}:${at(await text(BIDI_IMAGE), '![A')}: error: U+2067 (RIGHT-TO-LEFT ISOLATE) in the alt text of an image`);
    await expectRefused(root, result);
  });

  it('balanced isolates and marks in prose build: a right-to-left word in English text', async () => {
    const { oebps } = await inFixtureChapters();
    expect(await readFile(join(oebps, 'first-essay.xhtml'), 'utf8')).toContain('says \u2067שלום\u2069 and \u200fhello\u200e');
  });
});
