import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import type { Root } from 'mdast';
import remarkCheckFootnotes from '../../scripts/markdown/plugins/remark-check-footnotes.js';
import remarkCheckDirectives from '../../scripts/markdown/plugins/remark-check-directives.js';

/**
 * Issue 21, class 8: footnotes that would be lost (a reference to no note prints as typed, a
 * note written twice or never referred to vanishes), and directive names looked up on
 * Object.prototype (`word:constructor` answered "write it as undefined").
 */
async function check(markdown: string): Promise<{ messages: string[]; text: string }> {
  const file = new VFile({ path: 'manuscript/01-x.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCheckDirectives).use(remarkCheckFootnotes);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  return {
    messages: file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.reason}`),
    text: toString(tree),
  };
}

describe('footnotes', () => {
  it('a reference to no note is an error at the reference, however it sits in the text', async () => {
    const { messages } = await check([
      'A claim[^sorce].',
      '',
      '## A heading[^h]',
      '',
      '| a | b |',
      '| - | - |',
      '| cell[^t] | *emphasised[^e]* |',
      '',
      '> quoted [^q] and a note that refers on[^n].',
      '',
      '[^n]: A note that names another[^inner].',
    ].join('\n'));
    expect(messages).toEqual([
      '1:8 error footnote [^sorce] refers to no note',
      '3:13 error footnote [^h] refers to no note',
      '7:7 error footnote [^t] refers to no note',
      '7:25 error footnote [^e] refers to no note',
      '9:10 error footnote [^q] refers to no note',
      '11:32 error footnote [^inner] refers to no note',
    ]);
  });

  it('what is not a reference stays quiet: escaped, in code, a link, a label with a blank', async () => {
    const { messages } = await check('\\[^escaped], `[^code]`, [^link](https://example.com), [^with blank], [^], a[\\^x]\n\n```\n[^fenced]\n```\n');
    expect(messages).toEqual([]);
  });

  it('a reference matches its note whatever the case; a note referred to twice is fine', async () => {
    expect((await check('One[^Note] and two[^note].\n\n[^NOTE]: The note.\n')).messages).toEqual([]);
  });

  it('a note written twice is an error at the second; one nothing refers to, a warning at the note', async () => {
    expect((await check('Text[^a].\n\n[^a]: First.\n\n[^a]: Second.\n\n[^draft]: Nobody refers to it.\n')).messages).toEqual([
      '5:1 error footnote [^a] is written twice (first on line 3)',
      '7:1 warning footnote [^draft] is never referred to',
    ]);
  });
});

describe('directive names are looked up in the catalog, never on Object.prototype', () => {
  it('prose with a colon before a prototype name stays prose, as written', async () => {
    const { messages, text } = await check('word:constructor, a:toString, x:valueOf, y:hasOwnProperty and z:isPrototypeOf[] stay text.\n');
    expect(messages).toEqual([]);
    expect(text).toBe('word:constructor, a:toString, x:valueOf, y:hasOwnProperty and z:isPrototypeOf[] stay text.');
  });

  it('a directive so named is unknown, like any other word', async () => {
    const { messages } = await check(':constructor[label]\n\n::toString\n\n:::valueOf\nx\n:::\n\nA :word{key=value} too.\n');
    expect(messages).toEqual([
      '1:1 error unknown directive "constructor"',
      '3:1 error unknown directive "toString"',
      '5:1 error unknown directive "valueOf"',
      '9:3 error unknown directive "word"',
    ]);
  });

  it('a known directive still needs its attributes, own ones only', async () => {
    const { messages } = await check(':::quote{constructor="x"}\nq\n:::\n');
    expect(messages).toEqual([
      '1:1 error unknown attribute "constructor" on directive "quote"',
      '1:1 error directive "quote" needs the attribute "by"',
    ]);
  });
});
