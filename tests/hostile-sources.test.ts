import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFHexString, PDFName, PDFString, PDFDocument } from 'pdf-lib';
import * as vega from 'vega';
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { expectRefused as expectRefusedAndKept, withPreviousDist } from './helpers/previous-dist.js';
import { runCli } from './helpers/run-cli.js';
import { ProjectFileError, readProjectFile } from '../scripts/diagnostics/project-files.js';
import { sanitizeSvg } from '../scripts/figures/sanitize-svg.js';
import { findFetches } from '../scripts/charts/find-fetches.js';
import { refusingLoader } from '../scripts/charts/refusing-loader.js';
import { linkProblem } from '../scripts/markdown/plugins/remark-check-links.js';

/**
 * Issue 13, classes 1–4: what a hostile or careless contributor's files must not bring into an
 * output. Refusals go through the real command line on a copy of the fixture book and must
 * leave a previous dist/ as it was; the error catalog (tests/fixtures/errors: figure-svg-*,
 * chart-spec-fetches, link-schemes) holds the exact diagnostics of classes 2–4.
 */
const REPO = join(import.meta.dirname, '..');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-PROJECT';
const temps: string[] = [];

afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

async function book(): Promise<string> {
  const root = await makeFixtureBook();
  temps.push(root);
  return withPreviousDist(root);
}

async function outsideFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ptr-outside-'));
  temps.push(dir);
  return dir;
}

/** Replaces a project file by a symlink to a copy of it (plus a secret) outside the project. */
async function linkOut(root: string, outside: string, path: string, extra = ''): Promise<void> {
  const text = await readFile(join(root, path), 'utf8');
  const target = join(outside, path.replaceAll('/', '_'));
  await writeFile(target, text + extra);
  await rm(join(root, path));
  await symlink(target, join(root, path));
}

/** Refused, dist/ kept, and nothing of the outside file in the message. */
async function expectRefused(root: string, result: { code: number; stderr: string }): Promise<void> {
  expect(result.stderr).not.toContain(SECRET);
  await expectRefusedAndKept(root, result);
}

function positionInBook(text: string, needle: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
}

describe('class 1: files outside the project', () => {
  it('a chapter and a data file that are symlinks out of the project are refused where they are named', async () => {
    const root = await book();
    const outside = await outsideFolder();
    await linkOut(root, outside, 'manuscript/03-survey.md', `\n${SECRET}\n`);
    await linkOut(root, outside, 'charts/data/likes-fixtures.yaml', `# ${SECRET}\n`);
    const result = await runCli(root, ['build', '--only', 'web']);
    const bookYaml = await readFile(join(root, 'manuscript', 'book.yaml'), 'utf8');
    // The chapter at its entry in book.yaml; the data file, found by listing charts/data, at its start.
    expect(result.stderr).toContain(`manuscript/book.yaml:${positionInBook(bookYaml, '03-survey.md')}: error: chapter manuscript/03-survey.md leads outside the project`);
    expect(result.stderr).toContain('charts/data/likes-fixtures.yaml:1:1: error: charts/data/likes-fixtures.yaml leads outside the project');
    await expectRefused(root, result);
  });

  it('a figures folder, a chart spec and a style sheet that lead out of the project are refused', async () => {
    const root = await book();
    const outside = await outsideFolder();
    await linkOut(root, outside, 'charts/likes-fixtures.vl.json', '');
    await linkOut(root, outside, 'styles/tokens.css', `/* ${SECRET} */`);
    // A whole folder linked out: every file in it resolves outside.
    const figures = join(outside, 'figures');
    await mkdir(figures);
    await writeFile(join(figures, 'box.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`);
    await rm(join(root, 'manuscript', 'figures'), { recursive: true });
    await symlink(figures, join(root, 'manuscript', 'figures'));
    const result = await runCli(root, ['build', '--only', 'web']);
    expect(result.stderr).toContain('charts/likes-fixtures.vl.json:1:1: error: charts/likes-fixtures.vl.json leads outside the project');
    expect(result.stderr).toContain('manuscript/02-first-essay.md:27:1: error: figure "figures/box.svg" is a link that leads outside the project [figure]');
    expect(result.stderr).toContain('styles/tokens.css:1:1: error: styles/tokens.css leads outside the project');
    await expectRefused(root, result);
  });

  it('the resolver follows links: inside the project is read, a path or a link out of it is refused', async () => {
    const root = await book();
    const outside = await outsideFolder();
    await writeFile(join(outside, 'secret.txt'), SECRET);
    await symlink(join(root, 'manuscript', 'book.yaml'), join(root, 'inside-link.yaml'));
    await symlink(join(outside, 'secret.txt'), join(root, 'outside-link.txt'));
    expect(await readProjectFile(root, 'inside-link.yaml', 'utf8')).toContain('title: Fixture Book');
    for (const path of ['outside-link.txt', '../secret.txt', join(outside, 'secret.txt')]) {
      const e = await readProjectFile(root, path).catch((error: unknown) => error);
      expect(e, path).toBeInstanceOf(ProjectFileError);
      expect((e as ProjectFileError).problem).toBe('outside');
    }
    expect(((await readProjectFile(root, 'no-such-file').catch((e: unknown) => e)) as ProjectFileError).problem).toBe('missing');
  });
});

describe('class 2: script in SVG figures', () => {
  const svg = (body: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>\n${body}\n</svg>`;
  const refused: Record<string, string> = {
    'a comment inside a tag name': svg('<scr<!-- -->ipt>alert(1)</script>'),
    'an unquoted event handler': svg('<rect onload=alert(1) />'),
    'an event handler in any case': svg('<rect OnLoad="alert(1)"/>'),
    'script in CDATA': svg('<script><![CDATA[alert(1)]]></script>'),
    'animate rewriting href': svg('<a><animate attributeName="href" values="javascript:alert(1)"/></a>'),
    'set adding an event attribute': svg('<set attributeName="onclick" to="alert(1)"/>'),
    'a javascript: use': svg('<use href=" javascript:alert(1)"/>'),
    'an external xlink:href': svg('<use xlink:href="https://example.com/s.svg#i"/>'),
    'an embedded data: image': svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
    'foreignObject': svg('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://example.com"/></foreignObject>'),
    'a style sheet with @import': svg('<style>@import url(https://example.com/x.css);</style>'),
    'a paint from another document': svg('<rect fill="url(http://example.com/p.svg#g)"/>'),
    'a CSS escape spelling url': svg('<rect fill="u\\72l(http://example.com/x)"/>'),
    'a style attribute that loads': svg('<rect style="fill: red; background: image-set(\'https://example.com/x\' 1x)"/>'),
    'an external entity': `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${svg('<text>&x;</text>')}`,
    'a root that is not svg': '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
  };

  it.each(Object.entries(refused))('refuses %s, at its line in the figure', (_, text) => {
    const result = sanitizeSvg(text, 'fig-x-');
    expect(result.svg).toBeUndefined();
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // Every payload sits on the line after the <svg> tag; a bad root is refused at the root.
    const payloadLine = text.split('\n').findIndex((l) => l.startsWith('<svg')) + 2;
    expect(errors[0]!.line).toBe(text.startsWith('<html') ? 1 : payloadLine);
  });

  it('removes what is only unknown, with a warning at its line, and keeps the drawing', () => {
    const text = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10">\n<metadata>notes</metadata>\n<!-- a comment -->\n<rect id="r" inkscape:label="box" width="5" height="5" fill="url(#g)"/>\n<use href="#r"/>\n</svg>';
    const result = sanitizeSvg(text, 'fig-x-');
    expect(result.findings.map((f) => `${f.line}:${f.severity}`)).toEqual(['2:warning', '3:warning', '5:warning']);
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n\n\n<rect id="fig-x-r" width="5" height="5" fill="url(#fig-x-g)"/>\n<use href="#fig-x-r"/>\n</svg>');
  });

  it('refuses a hostile figure in an ePub-only build too, at the figure\'s file and line, dist/ unchanged', async () => {
    const root = await book();
    await writeFile(join(root, 'manuscript', 'figures', 'box.svg'), svg('<rect width="9" height="9"/>\n<set attributeName="onmouseover" to="alert(1)"/>'));
    const result = await runCli(root, ['build', '--only', 'epub']);
    expect(result.stderr).toContain('manuscript/figures/box.svg:3:1: error: <set> changes attributes while shown');
    await expectRefused(root, result);
  });

  it('a figure with removed items builds, and the web edition carries only what was kept', async () => {
    const root = await book();
    await writeFile(join(root, 'manuscript', 'figures', 'box.svg'), svg('<metadata>notes</metadata><rect width="9" height="9" data-x="1" fill="#2b5b9e"/>', ' role="img"'));
    const result = await runCli(root, ['build', '--only', 'web']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('manuscript/figures/box.svg:2:1: warning: <metadata> is not part of a static SVG drawing and was removed');
    const page = await readFile(join(root, 'dist', 'web', 'part-1', 'first-essay', 'index.html'), 'utf8');
    expect(page).toContain('<rect width="9" height="9" fill="#2b5b9e"/>');
    expect(page).not.toContain('metadata');
    expect(page).not.toContain('data-x');
  });

  it('the report\'s own figures pass the allowlist whole, and the built web edition carries them', async () => {
    const dir = join(REPO, 'manuscript', 'figures');
    const page = await readFile(join(inject('reportDist'), 'web', 'part-1', 'asynchronous-python', 'index.html'), 'utf8');
    const names = (await readdir(dir)).filter((n) => n.endsWith('.svg'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const text = await readFile(join(dir, name), 'utf8');
      const result = sanitizeSvg(text, `fig-${name.replace('.svg', '')}-`);
      expect(result.findings, name).toEqual([]);
      // The same elements with the same attributes, in the same order (only ids are prefixed).
      expect(shape(fromXml(result.svg!)), name).toEqual(shape(fromXml(text)));
      expect(page, name).toContain(result.svg!);
    }
  });
});

/** Each element as `name[attribute names]`, depth first: what the allowlist could have removed. */
function shape(tree: Root): string[] {
  const out: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      out.push(`${child.name}[${Object.keys(child.attributes).join(' ')}]`);
      walk(child);
    }
  };
  walk(tree);
  return out;
}

describe('class 3: chart specs that read or fetch', () => {
  it('finds every url and href key, however deeply nested, with its JSON path and the place of the key', () => {
    const text = [
      '{',
      '  "data": { "name": "q" },',
      '  "vconcat": [{ "layer": [{ "mark": "image", "encoding": { "url": { "field": "x" } } },',
      '    { "transform": [{ "lookup": "a", "from": { "data": { "url": "data/secret.csv" }, "key": "a" } }] }] }],',
      '  "encoding": { "href": { "value": "javascript:alert(1)" } }',
      '}',
    ].join('\n');
    const lines = text.split('\n');
    const column = (line: number, key: string) => lines[line - 1]!.indexOf(`"${key}"`) + 1;
    expect(findFetches(text)).toEqual([
      { key: 'url', pointer: '/vconcat/0/layer/0/encoding/url', line: 3, column: column(3, 'url') },
      { key: 'url', pointer: '/vconcat/0/layer/1/transform/0/from/data/url', line: 4, column: column(4, 'url') },
      { key: 'href', pointer: '/encoding/href', line: 5, column: column(5, 'href') },
    ]);
  });

  it('Vega\'s loader refuses every file and URL, and an href never crashes the render', async () => {
    const spec: vega.Spec = {
      width: 50, height: 50,
      data: [{ name: 'secret', url: 'file:///etc/passwd', format: { type: 'csv' } }, { name: 'remote', url: 'https://example.com/data.json' }],
      marks: [
        { type: 'image', encode: { enter: { url: { value: 'https://example.com/x.png' }, width: { value: 5 }, height: { value: 5 } } } },
        { type: 'rect', encode: { enter: { href: { value: 'javascript:alert(1)' }, width: { value: 5 }, height: { value: 5 } } } },
      ],
    };
    const { loader, refused } = refusingLoader();
    const view = new vega.View(vega.parse(spec), { renderer: 'none', loader, logLevel: vega.None });
    const out = await view.toSVG();
    view.finalize();
    expect(refused).toEqual(expect.arrayContaining(['file:///etc/passwd', 'https://example.com/data.json', 'javascript:alert(1)']));
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('root:');
    expect(view.data('secret')).toEqual([]);
  });
});

describe('class 4: link schemes', () => {
  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'vbscript:msgbox(1)',
    'VBScript:x', 'data:text/html,<script>alert(1)</script>', 'DATA:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd',
    'notes/secret.txt', '../README.md', '/etc/passwd', '//example.com/x', '?q', '', '#',
  ])('refuses %j', (url) => {
    expect(linkProblem(url)).toBeDefined();
  });

  it.each(['https://example.com', 'HTTP://example.com/a?b#c', 'mailto:editor@example.com', '#introduction'])('allows %j', (url) => {
    expect(linkProblem(url)).toBeUndefined();
  });

  it('the report\'s PDF links only to the web, mail and itself: no file:// with the build\'s path', async () => {
    const pdf = join(inject('reportDist'), 'python-tech-radar.pdf');
    expect(existsSync(pdf)).toBe(true);
    const doc = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
    const uris: string[] = [];
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; i < (annots?.size() ?? 0); i++) {
        const action = annots!.lookup(i, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict);
        const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
        if (uri) uris.push(uri.decodeText());
      }
    }
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(linkProblem(uri), uri).toBeUndefined();
    expect(uris.filter((u) => u.startsWith('file:'))).toEqual([]);
  });
});
