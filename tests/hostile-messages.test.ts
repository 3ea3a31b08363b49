import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { expectRefused as expectRefusedWith, withPreviousDist } from './helpers/previous-dist.js';
import { buildInProcess } from './helpers/build-in-process.js';
import { runCli } from './helpers/run-cli.js';
import { seedCache, warmCache } from './helpers/warm-cache.js';

/**
 * Issue 21, classes 5, 7 and 8, on copies of the fixture book: author text reaches the terminal
 * and CI logs as text, never as control codes or workflow commands (the real command line); a
 * style sheet or chart theme that would load something from elsewhere is refused at its place
 * whichever output is built, and messages that were unlocated or wrong are located and right
 * (built in this process and told by the command line's own code, helpers/build-in-process.ts:
 * what they test is the build's diagnostics, not the command line). The exact diagnostics are in the error catalog (tests/fixtures/errors: message-*,
 * style-*, theme-*, footnote-*, share-*, previous-share-proto, directive-prototype-name).
 */
const DATA = 'charts/data/likes-fixtures.yaml';
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

/** The unbroken book's cache, for every book below (helpers/warm-cache.ts): each makes only what its edit changed. */
const cache = warmCache(['build', '--only', 'web'], temps);

async function book(edit: Parameters<typeof makeFixtureBook>[0] = {}): Promise<string> {
  const root = await makeFixtureBook(edit);
  temps.push(root);
  return seedCache(root, await cache());
}

/** Any character a terminal or a log viewer would obey rather than show (newline aside). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** A line a CI runner reads as a command (GitHub Actions ignores leading blanks). */
const COMMAND_LINE = /^\s*(::|##)/m;
const DIAGNOSTIC = /^\S[^:]*:\d+:\d+: (error|warning): /;

function expectShownAsText(output: string): void {
  expect(output, JSON.stringify(output)).not.toMatch(RAW_CONTROL);
  expect(output).not.toMatch(COMMAND_LINE);
  // Each diagnostic is one line, then its hint line: nothing of the author's starts a line of its own.
  const lines = output.split('\n');
  for (const [i, line] of lines.entries()) if (DIAGNOSTIC.test(line)) expect(lines[i + 1], line).toMatch(/^ {2}hint: /);
}

const expectRefused = (root: string, result: { code: number; stderr: string }) =>
  expectRefusedWith(root, result, /^\d+ errors? in \d+ files?, \d+ warnings?; dist\/ was not changed\.$/);

/** The shares 54.8 and 45.2 of 102 respondents are no whole count: a warning quotes each label. */
const warnWithLabel = (label: string) => (s: string) =>
  s.replace('label: "Yes"\n    share: 54.9', `label: ${JSON.stringify(label)}\n    share: 54.8`).replace('share: 45.1', 'share: 45.2');

describe('class 5: author text in messages is shown, not obeyed', () => {
  it('a survey label with OSC 52 (clipboard), OSC 0 (window title) and a screen clear is refused at its value, and none of it reaches the terminal', async () => {
    // No edition may carry a control character (class 1): the label is refused, not published.
    const label = 'Yes\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;pwned\x07\x1b[2J\x1bc\x9b1m';
    const root = await withPreviousDist(await book({ [DATA]: warnWithLabel(label) }));
    const result = await runCli(root, ['build', '--only', 'web']);
    await expectRefused(root, result);
    expectShownAsText(result.stderr);
    expectShownAsText(result.stdout);
    expect(result.stderr).toContain('charts/data/likes-fixtures.yaml:11:12: error: this value holds U+001B (ESCAPE), U+0007 (BELL), U+009B (CONTROL SEQUENCE INTRODUCER): control characters no edition may carry [forbidden-character]');
    expect(result.stderr).not.toContain('pwned');
  });

  it('a line break and ::error:: in a label cannot forge a CI annotation, in a warning or with --strict', async () => {
    const root = await book({ [DATA]: warnWithLabel('Yes\n::error file=README.md,line=1::forged\r\n##[error]forged\n  ::add-mask::x') });
    for (const args of [['build', '--only', 'web'], ['build', '--only', 'web', '--strict', '--verbose']]) {
      const { stderr } = await runCli(root, args);
      expectShownAsText(stderr);
      expect(stderr).toContain('"Yes\\u000a::error file=README.md,line=1::forged\\u000d\\u000a##[error]forged\\u000a  ::add-mask::x"');
    }
  });

  it('an error quoting chapter text (a :stat key across lines) stays on its line', async () => {
    const root = await withPreviousDist(await book({ 'manuscript/03-survey.md': (s) => s.replace(':stat[likes-fixtures/yes]', ':stat[likes\n::error::forged\u202e]') }));
    const result = await runCli(root, ['build', '--only', 'web']);
    await expectRefused(root, result);
    expectShownAsText(result.stderr);
    expect(result.stderr).toMatch(/^manuscript\/03-survey\.md:\d+:\d+: error: :stat\[likes\\u000a::error::forged\\u202e\] names no answer in the survey data \[stat\]$/m);
  });

  it('a data file whose name holds control characters and starts like a command is named, escaped', async () => {
    const root = await withPreviousDist(await book());
    const name = '::error::\x1b]0;pwned\x07\u202e.yaml';
    await writeFile(join(root, 'charts', 'data', name), await readFile(join(root, DATA), 'utf8'));
    const result = await runCli(root, ['build', '--only', 'web']);
    await expectRefused(root, result);
    expectShownAsText(result.stderr);
    expect(result.stderr).toContain('charts/data/::error::\\u001b]0;pwned\\u0007\\u202e.yaml:1:1: error: question id "likes-fixtures" does not match the file name ::error::\\u001b]0;pwned\\u0007\\u202e.yaml [survey-id]');
  });

  it('bidi overrides and isolates in a message are shown by their code, so the line reads as it is', async () => {
    const root = await book({ [DATA]: warnWithLabel('Yes \u202eon\u202c \u2066x\u2069 \u200f\u061c') });
    const { code, stderr } = await runCli(root, ['build', '--only', 'web']);
    expect(code, stderr).toBe(0);
    expectShownAsText(stderr);
    expect(stderr).toContain('"Yes \\u202eon\\u202c \\u2066x\\u2069 \\u200f\\u061c"');
  });
});

describe('class 7: style sheets and the chart theme load nothing from elsewhere, whichever output is built', () => {
  const REMOTE = '\n.chapter-title { background: url("https://tracker.example/pixel.png"); }\n';

  it('a remote url() in the shared brand layer is refused at its line for the web edition and the ePub alike', async () => {
    for (const only of ['web', 'epub'] as const) {
      const root = await withPreviousDist(await book());
      const css = await readFile(join(root, 'styles', 'brand.css'), 'utf8');
      await writeFile(join(root, 'styles', 'brand.css'), css + REMOTE);
      const result = await buildInProcess(root, { only: [only] });
      await expectRefused(root, result);
      expect(result.stderr).toContain(`styles/brand.css:${css.split('\n').length + 1}:30: error: the style sheet loads https://tracker.example/pixel.png from another site`);
    }
  });

  it('the print layer is checked when only the web edition is built, a remote font and an @import at their lines', async () => {
    const root = await withPreviousDist(await book());
    await writeFile(join(root, 'styles', 'print.css'), '@import "https://fonts.example/print.css";\n@font-face {\n  font-family: Inter;\n  src: url(https://fonts.example/inter.woff2);\n}\n');
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    expect(result.stderr).toContain('styles/print.css:1:1: error: @import loads another style sheet (https://fonts.example/print.css)');
    expect(result.stderr).toContain('styles/print.css:4:8: error: the style sheet loads https://fonts.example/inter.woff2 from another site');
  });

  it('a remote paint in charts/theme.json is refused at its place by a warm web-only build', async () => {
    // Warm: the book's cache holds the unbroken book's charts (book(), from warmCache), so only the theme's change is new.
    const root = await withPreviousDist(await book());
    const theme = (await readFile(join(root, 'charts', 'theme.json'), 'utf8')).replace('"background": null', '"background": "url(https://tracker.example/bg.svg#p)"');
    await writeFile(join(root, 'charts', 'theme.json'), theme);
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    expect(result.stderr).toContain('charts/theme.json:3:17: error: the theme would load https://tracker.example/bg.svg#p: charts never read files or the network [chart-theme]');
  });

  it('a token that loads (styles/tokens.css), which the theme paints, is refused at the token', async () => {
    const root = await withPreviousDist(await book());
    const tokens = await readFile(join(root, 'styles', 'tokens.css'), 'utf8');
    await writeFile(join(root, 'styles', 'tokens.css'), tokens.replace(/--brand: [^;]+;/, '--brand: url(https://tracker.example/b.svg#p);'));
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    expect(result.stderr).toMatch(/^styles\/tokens\.css:\d+:\d+: error: the style sheet loads https:\/\/tracker\.example\/b\.svg#p from another site/m);
  });
});

describe('class 8: messages at their place, and right', () => {
  it('an invalid charts/theme.json is an error at its line and column, not a raw JSON error', async () => {
    const root = await withPreviousDist(await book({ 'charts/theme.json': (s) => s.replace('"padding": 4,', '"padding": 4,,') }));
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    expect(result.stderr).toContain('charts/theme.json:4:16: error: invalid JSON: expected a property name in double quotes, found "," [chart-theme]');
    expect(result.stderr).not.toMatch(/SyntaxError|JSON\.parse|build failed/);
  });

  it('prose such as word:constructor is printed as written, with no directive message', async () => {
    const root = await book({ 'manuscript/02-first-essay.md': (s) => `${s}\nThe prose says word:constructor, key:toString and x:valueOf plainly.\n` });
    const { code, stderr } = await buildInProcess(root, { only: ['web'] });
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/directive|undefined/);
    const pages = await readdir(join(root, 'dist', 'web'), { recursive: true });
    const html = (await Promise.all(pages.filter((p) => String(p).endsWith('.html')).map((p) => readFile(join(root, 'dist', 'web', String(p)), 'utf8')))).join('\n');
    expect(html.includes('word:constructor, key:toString and x:valueOf plainly.'), 'the sentence, as written, in the web edition').toBe(true);
  });

  it('a footnote reference to no note fails the build at the reference; the defined note still builds', async () => {
    const root = await withPreviousDist(await book({ 'manuscript/03-survey.md': (s) => s.replace('respondents like fixtures.[^n]', 'respondents like fixtures.[^n] See also[^sorce].') }));
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    expect(result.stderr).toMatch(/^manuscript\/03-survey\.md:\d+:\d+: error: footnote \[\^sorce\] refers to no note \[footnote\]$/m);
    expect(existsSync(join(root, 'dist', 'web'))).toBe(false);
  });

  it('shares YAML reads as numbers but a reader would not (0x10, 1e1, 5., +7, 012) are refused at each number', async () => {
    const root = await withPreviousDist(await book({
      [DATA]: (s) => `${s.replace('share: 54.9', 'share: 0x10').replace('share: 45.1', 'share: 5.')}previous:\n  edition: 2022\n  shares: {"yes": 1e1, "no": +7}\n`,
      'charts/data/survey.yaml': 'edition: 2023\n',
    }));
    const result = await buildInProcess(root, { only: ['web'] });
    await expectRefused(root, result);
    const refused = [...result.stderr.matchAll(/^charts\/data\/likes-fixtures\.yaml:(\d+:\d+): error: share (\S+) is not a plain decimal number/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(refused).toEqual(['12:12 0x10', '16:12 5.', '20:19 1e1', '20:30 +7']);
  });
});
