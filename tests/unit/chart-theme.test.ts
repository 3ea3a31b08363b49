import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../scripts/charts/json-syntax.js';
import { loadChartTheme } from '../../scripts/charts/chart-theme.js';
import { DiagnosticList, formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';

/**
 * Issue 21, classes 7 and 8: charts/theme.json is checked in every build, with positions: an
 * invalid one is an error at its line and column (not a raw JSON.parse message), and nothing in
 * it may load or link (a remote paint would ship in every edition).
 */
const REPO = join(import.meta.dirname, '..', '..');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

describe('jsonSyntaxError', () => {
  const texts = [
    '{}', '[]', '  {"a": [1, -2.5e3, true, false, null, {"b": "\\u00e9\\n\\"\\/"}]}\n', '"x"', '0', '-0.5',
    '', ' ', '{', '{"a": 1,}', '[1,]', '{"a" 1}', '{a: 1}', "{'a': 1}", '{"a": 1} // c', '/* c */ {}', '{"a": 0x10}',
    '{"a": .5}', '{"a": 5.}', '{"a": +1}', '{"a": 01}', '{"a": "tab\there"}', '{"a": "\\x"}', '{"a": "\\u12"}', '{"a":1,,"b":2}',
    '{"a": tru}', '{"a": NaN}', '{"a": 1}{"b": 2}', '[1 2]', '{"a": [}', '"never closed', '\ufeff{}',
  ];

  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of texts) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonSyntaxError(text) === undefined, JSON.stringify(text)).toBe(valid);
    }
  });

  it('says where and what: a trailing comma at the comma, a comment at its start, an unclosed object at the end', () => {
    expect(jsonSyntaxError('{\n  "a": 1,\n}')).toEqual({ offset: 10, message: 'a comma before "}": JSON allows no trailing comma' });
    expect(jsonSyntaxError('{\n  // note\n  "a": 1\n}')?.offset).toBe(4);
    expect(jsonSyntaxError('{"a": [1, 2]')).toEqual({ offset: 12, message: 'expected "," or "}", found the end of the file' });
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(jsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
    expect(jsonSyntaxError('['.repeat(100_000))?.offset).toBe(100_000);
  });
});

async function theme(text: string | undefined): Promise<{ theme: Record<string, unknown> | undefined; found: string[] }> {
  const root = await mkdtemp(join(tmpdir(), 'ptr-theme-'));
  temps.push(root);
  await cp(join(REPO, 'styles'), join(root, 'styles'), { recursive: true });
  await mkdir(join(root, 'charts'), { recursive: true });
  await writeFile(join(root, 'charts', 'theme.json'), text ?? await readFile(join(REPO, 'charts', 'theme.json'), 'utf8'));
  const diagnostics = new DiagnosticList();
  const loaded = await loadChartTheme(root, diagnostics);
  return { theme: loaded, found: diagnostics.items.map((d) => formatDiagnostic(d).split('\n')[0]!) };
}

describe('loadChartTheme', () => {
  it('loads the repository\'s theme with the brand\'s colours, notes ($comment, $schema) left out', async () => {
    const { theme: loaded, found } = await theme(undefined);
    expect(found).toEqual([]);
    expect(loaded).not.toHaveProperty('$comment');
    expect((loaded!.bar as { color: string }).color).toMatch(/^#[0-9a-f]{6}$/i);
    expect((await theme('{"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "padding": 4}')).found).toEqual([]);
    // Only the notes at the top are left out; a `$` key inside the config is config, and checked.
    expect((await theme('{"bar": {"$fill": "url(https://t.example/x)"}}')).found).toEqual([
      'charts/theme.json:1:19: error: the theme would load https://t.example/x: charts never read files or the network [chart-theme]',
    ]);
  });

  it('an invalid theme is an error at its place, with no raw JSON.parse message', async () => {
    expect((await theme('{\n  "font": "Inter",\n  "bar": {"color": "var(--brand)",}\n}\n')).found).toEqual([
      'charts/theme.json:3:34: error: invalid JSON: a comma before "}": JSON allows no trailing comma [chart-theme]',
    ]);
    expect((await theme('{"font": "Inter"}\n{"bar": {}}\n')).found).toEqual([
      'charts/theme.json:2:1: error: invalid JSON: unexpected "{" after the end of the JSON value [chart-theme]',
    ]);
    expect((await theme('')).found).toEqual([
      'charts/theme.json:1:1: error: invalid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found the end of the file [chart-theme]',
    ]);
    expect((await theme('[1, 2]')).found).toEqual(['charts/theme.json:1:1: error: the theme is not a JSON object [chart-theme]']);
    // JSON.parse takes the last of two equal keys silently; the theme says which one it is.
    expect((await theme('{"font": "Inter",\n "font": "Lobster"}')).found[0]).toBe('charts/theme.json:2:2: error: the key "font" is written twice in one object [chart-theme]');
  });

  it('refuses a remote paint, however it is written, at the value', async () => {
    const { found, theme: loaded } = await theme([
      '{',
      '  "background": "url(https://t.example/a.png)",',
      '  "bar": {"color": "URL( \'//t.example/b\' )", "fill": "\\\\75rl(https://t.example/c)"},',
      '  "axis": {"labelColor": "https://t.example/d", "gridColor": "data:image/png;base64,AA"},',
      '  "range": {"category": ["#fff", "javascript:alert(1)"]},',
      '  "view": {"fill": "url(#same-page)", "stroke": "Inter: not a scheme"}',
      '}',
    ].join('\n'));
    expect(loaded).toBeUndefined();
    expect(found).toEqual([
      'charts/theme.json:2:17: error: the theme would load https://t.example/a.png: charts never read files or the network [chart-theme]',
      'charts/theme.json:3:20: error: the theme would load //t.example/b: charts never read files or the network [chart-theme]',
      'charts/theme.json:3:54: error: the theme would load https://t.example/c: charts never read files or the network [chart-theme]',
      'charts/theme.json:4:26: error: the theme would load https://t.example/d: charts never read files or the network [chart-theme]',
      'charts/theme.json:4:62: error: the theme would load data:image/png;base64,AA: charts never read files or the network [chart-theme]',
      'charts/theme.json:5:34: error: the theme would load javascript:alert(1): charts never read files or the network [chart-theme]',
    ]);
  });

  it('refuses keys that load or link, nested anywhere, once each', async () => {
    expect((await theme('{"mark": {"href": "https://t.example"}, "image": {"url": "logo.png"}, "x": [{"y": {"url": {"a": 1}}}]}')).found).toEqual([
      'charts/theme.json:1:11: error: the theme sets "href": a chart would link its marks away [chart-theme]',
      'charts/theme.json:1:51: error: the theme sets "url": a chart would load a file or the network [chart-theme]',
      'charts/theme.json:1:84: error: the theme sets "url": a chart would load a file or the network [chart-theme]',
    ]);
  });

  it('names no font: the charts are set in the brand\'s sans (tokens.css), added to the theme', async () => {
    const { theme: loaded } = await theme(undefined);
    expect(loaded).not.toHaveProperty('font');
    const root = await mkdtemp(join(tmpdir(), 'ptr-theme-'));
    temps.push(root);
    await cp(join(REPO, 'styles'), join(root, 'styles'), { recursive: true });
    await mkdir(join(root, 'charts'), { recursive: true });
    await cp(join(REPO, 'charts', 'theme.json'), join(root, 'charts', 'theme.json'));
    expect((await loadChartTheme(root, new DiagnosticList(), 'Inter'))!.font).toBe('Inter');
    expect((await theme('{\n  "axis": {"labelFont": "Lobster", "labelFontSize": 12}\n}')).found).toEqual([
      'charts/theme.json:2:12: error: the theme names a font ("labelFont": "Lobster"): every chart is set in the brand\'s sans [chart-theme]',
    ]);
    expect((await theme('{\n  "text": {"color": "var(--font-sans)"}\n}')).found).toEqual([
      'charts/theme.json:2:21: error: var(--font-sans) is the brand\'s face, not a chart\'s value: the charts are set in the brand\'s sans without naming it [chart-theme]',
    ]);
  });

  it('a token the brand does not define is named at its value', async () => {
    expect((await theme('{\n  "bar": {"color": "var(--brand-new)"}\n}')).found).toEqual([
      'charts/theme.json:2:20: error: var(--brand-new) names no token of styles/tokens.css [chart-theme]',
    ]);
  });
});
