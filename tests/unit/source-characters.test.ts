import { describe, expect, it } from 'vitest';
import { bidiControl, describeCharacter, findCharacters, isForbiddenCharacter, lineColumn } from '../../scripts/config/source-characters.js';
import { DiagnosticList } from '../../scripts/diagnostics/diagnostic.js';
import { checkForbiddenCharacters, checkFrontMatterBidi } from '../../scripts/config/check-source-characters.js';
import { parseYamlSource } from '../../scripts/config/yaml-source.js';

describe('characters no output may carry', () => {
  it('are the C0 controls but tab, LF and CR, DEL and C1, U+FFFE, U+FFFF and surrogates', () => {
    const forbidden = [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x85, 0x9b, 0x9f, 0xfffe, 0xffff, 0xd800, 0xdfff];
    const allowed = [0x09, 0x0a, 0x0d, 0x20, 0x7e, 0xa0, 0x202e, 0xfffd, 0x1f600, 0x10ffff, 0xe000];
    expect(forbidden.filter((cp) => !isForbiddenCharacter(cp))).toEqual([]);
    expect(allowed.filter((cp) => isForbiddenCharacter(cp))).toEqual([]);
  });

  it('are found one code point at a time: a lone surrogate is found, a pair is not', () => {
    const text = `a\u0000b😀c\ud800d\udc00e\u000b`;
    expect(findCharacters(text, isForbiddenCharacter)).toEqual([
      { offset: 1, codePoint: 0 }, { offset: 6, codePoint: 0xd800 }, { offset: 8, codePoint: 0xdc00 }, { offset: 10, codePoint: 0x0b },
    ]);
  });

  it('are named so that a message shows them', () => {
    expect(describeCharacter(0x0b)).toBe('U+000B (LINE TABULATION)');
    expect(describeCharacter(0x1c)).toBe('U+001C (a control character)');
    expect(describeCharacter(0xd834)).toBe('U+D834 (a lone surrogate)');
    expect(describeCharacter(0x202e)).toBe('U+202E (RIGHT-TO-LEFT OVERRIDE)');
  });

  it('are reported at their line and column, ten per file and a count of the rest', () => {
    const diagnostics = new DiagnosticList();
    const text = `---\ntitle: x\n---\n\nab\u0007c\n${'\u0000'.repeat(12)}`;
    expect(checkForbiddenCharacters(text, 'manuscript/x.md', diagnostics)).toBe(false);
    expect(diagnostics.errors.map((d) => `${d.line}:${d.column}`).slice(0, 3)).toEqual(['5:3', '6:1', '6:2']);
    expect(diagnostics.errors).toHaveLength(11);
    expect(diagnostics.errors.at(-1)!.message).toBe('3 more characters like these (10 are listed)');
    expect(checkForbiddenCharacters('plain\ttext\r\n', 'x.md', new DiagnosticList())).toBe(true);
  });
});

describe('characters in YAML sources', () => {
  it('are refused at their value, typed or written as an escape, in values and keys', () => {
    const diagnostics = new DiagnosticList();
    const text = 'title: fine\nanswers:\n  - label: "Yes\\e]0;pwned\\a"\n  - label: raw\u001b here\n"k\\0": 1\n';
    expect(parseYamlSource(text, 'charts/data/q.yaml', diagnostics)).toBeUndefined();
    expect(diagnostics.errors.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '3:12 forbidden-character', '4:12 forbidden-character', '5:1 forbidden-character',
    ]);
    expect(diagnostics.errors[0]!.message).toBe('this value holds U+001B (ESCAPE), U+0007 (BELL): control characters no edition may carry');
    expect(diagnostics.errors[2]!.message).toBe('this value holds U+0000 (NULL): a control character no edition may carry');
  });

  it('lets tabs, line breaks and every script through', () => {
    const diagnostics = new DiagnosticList();
    expect(parseYamlSource('label: "a\\tb\\nc Łódź 東京 עברית"\n', 'x.yaml', diagnostics)?.value).toEqual({ label: 'a\tb\nc Łódź 東京 עברית' });
    expect(diagnostics.items).toEqual([]);
  });
});

describe('bidi controls', () => {
  it('are told apart by what they do', () => {
    expect([0x202a, 0x202b, 0x202c, 0x202d, 0x202e].map(bidiControl)).toEqual(Array(5).fill('embedding'));
    expect([0x2066, 0x2067, 0x2068].map(bidiControl)).toEqual(Array(3).fill('isolate'));
    expect(bidiControl(0x2069)).toBe('pop-isolate');
    expect([0x200e, 0x200f, 0x061c].map(bidiControl)).toEqual(Array(3).fill('mark'));
    expect(bidiControl(0x41)).toBeUndefined();
  });

  it('are refused in front matter, marks aside', () => {
    const diagnostics = new DiagnosticList();
    const text = '---\ntitle: a\u202eb\nshort: c\u200fd\n---\n';
    checkFrontMatterBidi(text, 4, text.length - 4, 'x.md', diagnostics);
    expect(diagnostics.errors.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['2:9 bidi-control']);
  });

  it('lineColumn counts lines from 1 and columns in UTF-16 units', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('x', 0)).toEqual({ line: 1, column: 1 });
  });
});
