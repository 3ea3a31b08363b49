import type { Element, Root, RootContent } from 'hast';
import hyphen from 'hyphen/en-us/index.js';

const SOFT_HYPHEN = '\u00ad';
/** Elements whose text is never hyphenated: code, links (URLs), headings, names, the contents, drawings. */
const SKIP_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'svg', 'script', 'style', 'title', 'caption', 'figcaption', 'th', 'td', 'nav']);
const SKIP_CLASSES = new Set(['author-name', 'byline-name', 'byline', 'authors', 'cover', 'chart-graphic', 'figure-graphic', 'stats']);
/** Words shorter than this are left whole: a break in them would leave two or three letters on a line. */
const MIN_WORD = 7;
/** At least three letters before a break and three after it (hyphenate-limit-chars: 6 3 3); the line breaker checks again (typeset/). */
const LEFT_MIN = 3;
const RIGHT_MIN = 3;

/**
 * Soft hyphens (U+00AD) in the running text of the print edition, from the en-US TeX patterns:
 * Chromium on Linux does not hyphenate (`hyphens: auto`), but it breaks at a soft hyphen and
 * prints the hyphen only there. Only plain lower-case words are hyphenated: a token with a
 * digit, a capital after its first letter, or `/ . _ @ : =` inside is left whole (URLs, code,
 * version numbers, names such as asyncio.gather), and so is a word that opens with a capital
 * (names; the first word of a sentence is rarely long enough to matter). Changes `tree`.
 */
export function hyphenatePrint(tree: Root | Element): number {
  let count = 0;
  const visit = (node: Root | RootContent) => {
    if (node.type === 'element' && (SKIP_TAGS.has(node.tagName) || classes(node).some((c) => SKIP_CLASSES.has(c)))) return;
    if ('children' in node) node.children.forEach(visit);
    if (node.type !== 'text') return;
    node.value = node.value.split(/(\s+)/).map((token) => {
      // Punctuation around a word is not part of it: "concurrency." is a word, "asyncio.run" is not.
      const core = token.replace(/^[("“‘'[]+|[.,;:!?)"”’'\]]+$/g, '');
      if (/\s/.test(token) || core.length < MIN_WORD || /[\d/._@:=\\<>#~`]|[a-z][A-Z]|[A-Z]{2}/.test(core)) return token;
      return token.replace(/[a-z]{7,}/g, (word, offset: number) => {
        if (offset > 0 && /[A-Za-z]/.test(token[offset - 1]!)) return word;
        const parts = hyphen.hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD }).split(SOFT_HYPHEN);
        let out = '';
        let at = 0;
        for (const [i, part] of parts.entries()) {
          if (i > 0 && at >= LEFT_MIN && word.length - at >= RIGHT_MIN) {
            out += SOFT_HYPHEN;
            count++;
          }
          out += part;
          at += part.length;
        }
        return out;
      });
    }).join('');
  };
  visit(tree);
  return count;
}

function classes(e: Element): string[] {
  const c = e.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}
