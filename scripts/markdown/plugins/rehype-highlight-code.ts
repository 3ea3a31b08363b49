import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { CodeHighlighter } from '../highlighter.js';
import { hangCodeLines } from '../hanging-code-lines.js';

export interface RehypeHighlightCodeOptions {
  readonly highlighter: CodeHighlighter;
}

/** Characters per line that fit the print measure at the normal code size (8 pt). */
const WIDE_LISTING = 76;

/** Highlights fenced code at build time (no JavaScript in the outputs), numbering the listings. */
export default function rehypeHighlightCode(options: RehypeHighlightCodeOptions) {
  return (tree: Root, file: VFile) => {
    const loaded = new Set(options.highlighter.languages);
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      const code = node.children[0];
      if (code?.type !== 'element' || code.tagName !== 'code') return;
      const classes = (code.properties.className as string[] | undefined) ?? [];
      const lang = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length);
      const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('').replace(/\n$/, '');
      if (!lang || !loaded.has(lang)) {
        file.message(`code block without a known language${lang ? ` ("${lang}")` : ''} is not highlighted`, { place: node.position, ruleId: 'code-language', source: 'ptr' })
          .note = `write the fence as \`\`\`python (languages: ${[...loaded].join(', ')})`;
        return;
      }
      const pre = options.highlighter.highlight(text, lang);
      delete pre.properties.class;
      // A listing wider than the print measure steps its size down instead of being clipped.
      const longest = Math.max(...text.split('\n').map((l) => l.length));
      pre.properties.className = ['code', `language-${lang}`, ...(longest > WIDE_LISTING ? ['code-wide'] : [])];
      pre.properties.dataLanguage = lang;
      delete pre.properties.tabindex;
      hangCodeLines(pre);
      parent.children[index] = pre;
    });
  };
}
