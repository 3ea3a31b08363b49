import { readFile, rm, } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { expectRefused, withPreviousDist } from './helpers/previous-dist.js';
import { runCli } from './helpers/run-cli.js';
import { run } from './helpers/run.js';
import { pdfPages } from './helpers/pdf-pages.js';
import { epubcheck } from './helpers/epubcheck.js';
import { sharedBrowser } from './helpers/shared-browser.js';
import { refusedTogether, type TogetherCase, type TogetherRun } from './helpers/refused-together.js';
import { seedCache, warmCache } from './helpers/warm-cache.js';
import { LIMITS } from '../scripts/config/limits.js';

/**
 * Issue 21, class 4: inputs that made the build do unbounded work, or changed every page. An
 * author's long URL or word must leave the book as it was (same pages within one, same type
 * size: Chromium shrank the whole PDF to fit one); a source past a limit (config/limits.ts) is
 * refused at its place, the previous dist/ untouched. All through the real command line: the
 * print cases share one book holding them all (and one control book), starting from the unbroken
 * book's warm cache; the refused ways are tried together, each in a chapter of its own, in one
 * build per stage that refuses them (helpers/refused-together.ts).
 */
const temps: string[] = [];
const ESSAY = 'manuscript/02-first-essay.md';
const FIGURE = 'manuscript/figures/box.svg';
const DATA = 'charts/data/likes-fixtures.yaml';
const URL_138 = `https://example.com/${'a'.repeat(60)}/${'b'.repeat(57)}`;

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

async function book(edit: Parameters<typeof makeFixtureBook>[0] = {}): Promise<string> {
  const root = await makeFixtureBook(edit);
  temps.push(root);
  return withPreviousDist(root);
}


/** `line:column` of the first `needle` in a file of the fixture book as it was edited. */
async function placeOf(root: string, path: string, needle: string): Promise<string> {
  const lines = (await readFile(join(root, path), 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  expect(line, `${needle} in ${path}`).toBeGreaterThanOrEqual(0);
  return `${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
}

/**
 * The PDF's pages that carry text (a blank back before a right-hand opener comes and goes with
 * one line more or less), and the height (pdftotext -bbox) of one word of the essay's body text,
 * "reader." (in "to the fixture reader."): the type size the pages are printed at, which a
 * shrunk print changes on every page (by two thirds, for a 138-character URL).
 */
function printedSize(pdf: string): { pages: number; wordHeight: number } {
  const pages = pdfPages(pdf).filter((p) => p.trim() !== '').length;
  const words = [...run('pdftotext', ['-bbox', pdf, '-']).matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">reader\.<\/word>/g)];
  expect(words).toHaveLength(1);
  return { pages, wordHeight: Number(words[0]![2]) - Number(words[0]![1]) };
}

const essay = (change: (text: string) => string) => ({ [ESSAY]: change });
/** A case's copy of the essay, with one edit (helpers/refused-together.ts). */
const essayCopy = (from: string, to: string) => (text: string) => {
  expect(text, `the essay must contain ${JSON.stringify(from)}`).toContain(from);
  return text.replace(from, to);
};
const firstParagraph = (insert: string) => essay((t) => t.replace("The essay's first paragraph says", `The essay's first paragraph, ${insert}, says`));

/** The unbroken book built once with every output: each book below starts from its cache, as an author's would. */
const cache = warmCache(['build'], temps);

/** The same characters with a space after every ten: the control, as long but breakable. */
const SPACED = URL_138.replace(/(.{10})/g, '$1 ');
/** Class 8: "]]>" in a figure's text and in a chart's label (which the ePub draws as a picture). */
const CDATA = {
  [FIGURE]: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" role="img" aria-labelledby="t"><title id="t">A box ]]&gt; closed</title><text x="5" y="20">a ]]&gt; b <![CDATA[c ]]]]><![CDATA[> d]]></text></svg>`,
  // A letter outside Latin-1 makes the chart's text be rewritten (in runs of the latin-ext face) before resvg reads it.
  [DATA]: (yaml: string) => yaml.replace('label: "Yes"', 'label: "Łódź ]]> yes"'),
};
const WORD = 'x'.repeat(5000);
/** The control's word: as many letters, in words of ten. */
const WORDS = 'xxxxxxxxx '.repeat(500);

/**
 * The four cases in one essay (a URL in the first paragraph, then the long word in the same
 * paragraph, a table cell and a heading before the listing): none breaks the others' text,
 * and a print that shrinks to fit one of them shrinks the whole essay's unit, "reader." (in the
 * first paragraph) with it. The control has the same edits with the long texts broken by
 * spaces (the book as the author would expect it): one long book and one control book built
 * instead of a pair per case, each case's `it` checking the print on them. Both books also
 * carry class 8's "]]>" in a drawing's text (CDATA below: the figure, of the same size, and a
 * chart's label, in another chapter): its case reads the long book's ePub and web edition, the
 * ePub checked once by EPUBCheck for both, and the control has it too, so the print compared
 * differs only by the long texts.
 */
const withCases = (url: string, word: string) => ({
  ...CDATA,
  ...essay((t) => t
    .replace("The essay's first paragraph says", `The essay's first paragraph, see ${url === URL_138 ? `<${url}>` : url}, say ${word}, says`)
  .replace('## A code listing', `| Name | Where |\n| --- | --- |\n| fixture | ${url} |\n\n## A code listing`)
    .replace('## A code listing', `## Sources at ${url}\n\nA paragraph.\n\n## A code listing`)),
});

/** Both books, from the unbroken book's warm cache, built side by side: the long one with every output (web, ePub read below), the control print only. */
let built: Promise<{ root: string; result: Awaited<ReturnType<typeof runCli>>; printed: ReturnType<typeof printedSize>; expected: ReturnType<typeof printedSize> }> | undefined;
const books = () => (built ??= (async () => {
  const warm = await cache();
  const [root, control] = await Promise.all([book(withCases(URL_138, WORD)).then((r) => seedCache(r, warm)), book(withCases(SPACED, WORDS)).then((r) => seedCache(r, warm))]);
  const [result, normal] = await Promise.all([runCli(root, ['build']), runCli(control, ['build', '--only', 'pdf'])]);
  expect(result.code, result.stderr).toBe(0);
  expect(normal.code, normal.stderr).toBe(0);
  return { root, result, printed: printedSize(join(root, 'dist', 'fixture-book.pdf')), expected: printedSize(join(control, 'dist', 'fixture-book.pdf')) };
})());

/** EPUBCheck's findings on the long book's ePub, read by the paragraph's case and class 8's. */
let checked: Promise<ReturnType<typeof epubcheck>> | undefined;
const epubcheckOfLongBook = () => (checked ??= books().then(({ root }) => epubcheck(join(root, 'dist', 'fixture-book.epub'))));

describe('long words and URLs leave the print as it was', () => {
  const browser = sharedBrowser();
  /** The long book's print against the control's: the same pages within one, not a point smaller. */
  async function expectUnchangedPrint(): Promise<string> {
    const { root, printed, expected } = await books();
    expect(Math.abs(printed.wordHeight - expected.wordHeight), `word height ${printed.wordHeight} against ${expected.wordHeight}`).toBeLessThan(0.05);
    expect(Math.abs(printed.pages - expected.pages), `${printed.pages} pages against ${expected.pages}`).toBeLessThanOrEqual(1);
    return root;
  }

  /** The long book's web page of the essay at a phone's width, loaded once for the cases that read it. */
  let loaded: Promise<{ scroll: number; client: number }> | undefined;
  const phoneWidths = (root: string) => (loaded ??= (async () => {
    const page = await browser().newPage();
    try {
      await page.setViewport({ width: 360, height: 740 });
      await page.goto(pathToFileURL(join(root, 'dist', 'web', 'part-1', 'first-essay', 'index.html')).href, { waitUntil: 'load' });
      return await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    } finally {
      await page.close();
    }
  })());

  /** Nothing wider than the screen. */
  async function expectNoWiderThanPhone(root: string): Promise<void> {
    const widths = await phoneWidths(root);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  }

  it('a 138-character URL in a paragraph (print; and the web edition at 360 px, the ePub 0/0 in EPUBCheck)', async () => {
    const root = await expectUnchangedPrint();
    const text = run('pdftotext', ['-layout', join(root, 'dist', 'fixture-book.pdf'), '-']).replace(/\s+/g, '');
    expect(text).toContain(URL_138);
    await expectNoWiderThanPhone(root);
    const check = await epubcheckOfLongBook();
    expect(check.fatals + check.errors, check.output).toBe(0);
  });

  it('a 138-character URL in a table cell', async () => {
    const root = await expectUnchangedPrint();
    expect(await readFile(join(root, ESSAY), 'utf8')).toContain(`| fixture | ${URL_138} |`);
  });

  it('a 138-character URL in a heading', async () => {
    const root = await expectUnchangedPrint();
    expect(await readFile(join(root, ESSAY), 'utf8')).toContain(`## Sources at ${URL_138}\n`);
  });

  it('a 5,000-letter word (print; and the web edition at 360 px)', async () => {
    const root = await expectUnchangedPrint();
    expect(await readFile(join(root, ESSAY), 'utf8')).toContain(` say ${WORD}, says`);
    await expectNoWiderThanPhone(root);
  });
});

describe('the print preflight refuses a box wider than the column', () => {
  it('a paragraph a style sheet forbids to wrap: refused at its chapter and line, before printing', async () => {
    const root = await book({
      ...firstParagraph(`see <${URL_138}>`),
      'styles/print.css': (css) => `${css}\n.chapter p { white-space: nowrap; }\n`,
    }).then(async (r) => seedCache(r, await cache()));
    const result = await runCli(root, ['build', '--only', 'pdf']);
    const at = await placeOf(root, ESSAY, URL_138);
    expect(result.stderr).toMatch(new RegExp(`${ESSAY}:${at}: error: the text "https://example\\.com/a+…" \\(139 characters without a break\\) is \\d+ mm wider than the printed column: the print would cut it off, or shrink every page to fit it \\[print-overflow\\]`));
    await expectRefused(root, result);
  });
});

describe('sources past a limit are refused at their place', () => {
  const NS = 'xmlns="http://www.w3.org/2000/svg"';
  /** One element a line, so that a finding's line is the element's. */
  const svg = (lines: string[]) => [`<svg ${NS} viewBox="0 0 100 40">`, ...lines, '</svg>'].join('\n');
  /** A copy of the essay that shows `figure` instead of the box (each figure case has its own). */
  const showing = (figure: string) => essayCopy('src="figures/box.svg"', `src="figures/${figure}"`);
  const figureCase = (n: number, name: string, text: string): TogetherCase => ({
    chapter: `${10 + n}-figure-${name}.md`, text: showing(`${name}.svg`), files: { [`manuscript/figures/${name}.svg`]: text },
  });

  const deep = svg([...Array.from({ length: 2000 }, () => '<g>'), '<rect width="1" height="1"/>', ...Array.from({ length: 2000 }, () => '</g>')]);
  const useBombLevels = ['<defs>', '<rect id="l0" width="1" height="1"/>'];
  for (let i = 1; i <= 10; i++) useBombLevels.push(`<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(10)}</g>`);
  const wideLevels = ['<defs>', '<rect id="l0" width="1" height="1"/>'];
  for (let i = 1; i <= 3; i++) wideLevels.push(`<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(40)}</g>`);
  const FIGURES = {
    deep: figureCase(1, 'deep', deep),
    useBomb: figureCase(2, 'use-bomb', svg([...useBombLevels, '</defs>', '<use href="#l10"/>'])),
    wideBomb: figureCase(3, 'wide-bomb', svg([...wideLevels, '</defs>', '<use href="#l3"/>'])),
    cycle: figureCase(4, 'cycle', svg(['<g id="a"><rect width="1" height="1"/>', '<use href="#b"/></g>', '<g id="b">', '<use href="#a"/></g>', '<use href="#a"/>'])),
    many: figureCase(5, 'many', svg(Array.from({ length: 25_000 }, (_, i) => `<rect x="${i % 100}" width="1" height="1"/>`))),
  };
  const BLOCKS = {
    paragraph: { chapter: '20-long-paragraph.md', text: essayCopy('## A code listing', `${'lorem ipsum '.repeat(2000)}end\n\n## A code listing`) },
    cell: { chapter: '21-long-cell.md', text: essayCopy('## A code listing', `| Name | Notes |\n| --- | --- |\n| fixture | ${'note '.repeat(6000)}|\n\n## A code listing`) },
    alt: { chapter: '22-long-alt.md', text: essayCopy('alt="A blue box."', `alt="${'A blue box. '.repeat(10_000)}"`) },
    heading: { chapter: '23-long-heading.md', text: essayCopy('## A code listing', `## ${'Heading '.repeat(125)}`) },
  } satisfies Record<string, TogetherCase>;
  const TITLE: TogetherCase = { chapter: '24-long-title.md', text: essayCopy('title: "Zażółć gęślą jaźń: an Essay"', `title: "${'Title '.repeat(3334)}"`) };
  const answers = Array.from({ length: 5000 }, (_, i) => `  - id: "a${i}"\n    label: "Answer ${i}"\n    share: 0.01\n    source: 1\n`).join('');

  /**
   * The refused ways tried together (helpers/refused-together.ts), each in a chapter (and figure)
   * of its own, by the real command line building every output: those refused while compiling
   * (figures, Markdown blocks) in one build, those refused while loading (a chapter's front
   * matter, the survey data, which book.yaml's other chapters share) in another.
   */
  const compiling = refusedTogether([...Object.values(FIGURES), ...Object.values(BLOCKS)], ['build'], {}, temps, cache);
  const loading = refusedTogether([TITLE], ['build'], { [DATA]: (yaml) => yaml.replace(/answers:\n[\s\S]*$/, `answers:\n${answers}`) }, temps);

  async function expectFigureRefused(figure: TogetherCase, at: string, message: string): Promise<void> {
    const { root, result } = await compiling();
    expect(result.stderr).toContain(`${Object.keys(figure.files!)[0]}:${at}: error: ${message}`);
    await expectRefused(root, result);
  }

  /** `line:column` of the first `needle` in a case's chapter as it was built. */
  async function placeIn(run: TogetherRun, chapter: string, needle: string): Promise<string> {
    return placeOf(run.root, run.path(chapter), needle);
  }

  it('an SVG nested 2,000 groups deep', async () => {
    // The root is level 1, on line 1: the first group past the limit is on the line of its level.
    await expectFigureRefused(FIGURES.deep, `${LIMITS.svgDepth + 1}:1`, `the figure nests its elements more than ${LIMITS.svgDepth} levels deep: the figure is refused [figure-svg]`);
  });

  it('a <use> bomb: ten levels of groups, each using the one below ten times', async () => {
    // Found at the first <use> of the group l5 (line 8, after its 11-character start tag): it draws five levels of uses.
    await expectFigureRefused(FIGURES.useBomb, '8:12', `<use> elements nest more than ${LIMITS.svgUseDepth} levels deep`);
  });

  it('a wide <use> bomb: three levels, each using the one below 40 times (64,000 rectangles)', async () => {
    await expectFigureRefused(FIGURES.wideBomb, '6:1', `its <use> elements make the figure draw more than ${LIMITS.svgDrawnElements.toLocaleString('en')} elements: the figure is refused`);
  });

  it('a cycle of <use>: two groups that use each other', async () => {
    await expectFigureRefused(FIGURES.cycle, '5:1', 'a <use> copies an element that contains it (its uses lead back to it): the figure is refused');
  });

  it('an SVG of 25,000 elements', async () => {
    // The root is the first element: the one past the limit is rectangle number LIMITS.svgElements.
    await expectFigureRefused(FIGURES.many, `${LIMITS.svgElements + 1}:1`, `the figure has more than ${LIMITS.svgElements.toLocaleString('en')} elements: the figure is refused`);
  });

  it('5,000 answers to one question: refused at the first answer past the limit', async () => {
    const { root, result } = await loading();
    expect(result.stderr).toContain(`${DATA}:${await placeOf(root, DATA, `id: "a${LIMITS.answers}"`)}: error: \`answers.${LIMITS.answers}\`: the question has 5000 answers, more than ${LIMITS.answers}`);
    await expectRefused(root, result);
  });

  it('a paragraph of 24,003 characters (the chapter file itself is far below any file size limit)', async () => {
    const run = await compiling();
    expect(run.result.stderr).toContain(`${run.path(BLOCKS.paragraph.chapter)}:${await placeIn(run, BLOCKS.paragraph.chapter, 'lorem ipsum')}: error: paragraph is 24,003 characters long (at most ${LIMITS.block.toLocaleString('en')}) [block-length]`);
    await expectRefused(run.root, run.result);
  });

  it('a table cell of 30,000 characters', async () => {
    const run = await compiling();
    expect(run.result.stderr).toContain(`${run.path(BLOCKS.cell.chapter)}:${await placeIn(run, BLOCKS.cell.chapter, '| note')}: error: table cell is 30,003 characters long (at most ${LIMITS.block.toLocaleString('en')}) [block-length]`);
    await expectRefused(run.root, run.result);
  });

  it('an alt text of 120,000 characters in a figure directive', async () => {
    const run = await compiling();
    expect(run.result.stderr).toContain(`${run.path(BLOCKS.alt.chapter)}:${await placeIn(run, BLOCKS.alt.chapter, ':::figure')}: error: attribute alt of :::figure is 120,000 characters long (at most ${LIMITS.attribute.toLocaleString('en')}) [attribute-length]`);
    await expectRefused(run.root, run.result);
  });

  it('a chapter title of 20,000 characters, at its place in the front matter', async () => {
    const { root, result, path } = await loading();
    expect(result.stderr).toContain(`${path(TITLE.chapter)}:2:8: error: \`title\`: the title is longer than ${LIMITS.chapterTitle} characters`);
    await expectRefused(root, result);
  });

  it('a heading of 1,000 characters', async () => {
    const run = await compiling();
    expect(run.result.stderr).toContain(`${run.path(BLOCKS.heading.chapter)}:${await placeIn(run, BLOCKS.heading.chapter, '## Heading')}: error: heading is 999 characters long (at most ${LIMITS.heading}) [heading-length]`);
    await expectRefused(run.root, run.result);
  });
});

describe('class 8: "]]>" in a drawing\'s text', () => {
  it('in a figure\'s text and a chart\'s label (which the ePub draws as a picture): the book builds, the ePub is well-formed', async () => {
    // The long book of the print cases carries these edits (CDATA), built with every output.
    const { root, result } = await books();
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(root, FIGURE), 'utf8')).toBe(CDATA[FIGURE]);
    expect(await readFile(join(root, DATA), 'utf8')).toContain('label: "Łódź ]]> yes"');
    const check = await epubcheckOfLongBook();
    expect(check.fatals + check.errors, check.output).toBe(0);
    const page = await readFile(join(root, 'dist', 'web', 'part-1', 'first-essay', 'index.html'), 'utf8');
    expect(page).toContain('a ]]&gt; b c ]]&gt; d');
  });
});
