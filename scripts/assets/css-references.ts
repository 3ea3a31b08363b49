import valueParser, { type Node as ValueNode } from 'postcss-value-parser';

/** A resource a CSS value would make the reader's device fetch: `url(…)` and its kin. */
export interface CssReference {
  /** Where the reference starts, in the value's text. */
  readonly offset: number;
  /** The address, CSS escapes decoded (`\68ttps:` is `https:`). */
  readonly url: string;
  /** Only a fragment of the same document (`url(#clip)`): nothing is fetched. */
  readonly local: boolean;
  /** With a host (`https://…`, `//host/…`): another site. */
  readonly remote: boolean;
}

/** Functions whose argument is an address; `src()` is the newer spelling of `url()`. */
const ADDRESS = new Set(['url', 'src']);
/** Functions whose quoted strings are addresses (`image-set("a.png" 1x)`), vendor prefixes dropped. */
const IMAGE_LISTS = new Set(['image-set', 'image', 'cross-fade']);

/**
 * Every reference in a CSS value, found in its parse tree (postcss-value-parser). A browser reads
 * a function's name after decoding escapes, so `\75rl(…)` and `u\rl(…)` are `url(…)` to it; the
 * value parser keeps the name as written, so the name is decoded here before it is compared.
 */
export function cssReferences(value: string): CssReference[] {
  const found: CssReference[] = [];
  const { text, origin } = unblankedEscapes(value);
  const visit = (nodes: readonly ValueNode[], inImageList: boolean) => {
    for (const node of nodes) {
      if (node.type === 'string' && inImageList) found.push(reference(origin[node.sourceIndex]!, node.value));
      if (node.type !== 'function') continue;
      const name = unescapeCss(node.value).toLowerCase().replace(/^-[a-z]+-/, '');
      if (ADDRESS.has(name)) {
        // `url(x)` unquoted is one word; quoted, one string; an escaped name leaves its argument tokenised.
        const string = node.nodes.find((n) => n.type === 'string');
        found.push(reference(origin[node.sourceIndex]!, string ? string.value : valueParser.stringify(node.nodes).trim()));
      } else {
        visit(node.nodes, IMAGE_LISTS.has(name));
      }
    }
  };
  visit(valueParser(text).nodes, false);
  return found;
}

/**
 * The value with each hex escape written with six digits and without the blank that may end it
 * (`\55 \52 \4c (` is `url(` to a browser, but three words to the value parser), and for each
 * character of the result, its offset in the value. The two mean the same CSS.
 */
function unblankedEscapes(value: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (const m of value.matchAll(/\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\[\s\S]/gi)) {
    for (let i = last; i < m.index; i += 1) origin.push(i);
    text += value.slice(last, m.index);
    const written = m[1] === undefined ? m[0] : `\\${m[1].padStart(6, '0')}`;
    text += written;
    for (let i = 0; i < written.length; i += 1) origin.push(m.index);
    last = m.index + m[0].length;
  }
  for (let i = last; i <= value.length; i += 1) origin.push(i);
  return { text: text + value.slice(last), origin };
}

function reference(offset: number, written: string): CssReference {
  const url = unescapeCss(written).trim();
  return { offset, url, local: url.startsWith('#'), remote: /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) || /^https?:/i.test(url) };
}

/** CSS escapes decoded: `\` and 1–6 hex digits (one blank after them is part of it), or `\` and any other character. */
export function unescapeCss(text: string): string {
  return text.replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-f]))/gi, (_, hex?: string, other?: string) => {
    if (other !== undefined) return other;
    const code = parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/**
 * An at-rule's keyword as a browser reads it, and the text after it: `@imp\ort` is `@import`
 * (postcss stops the name at the `\` and puts the rest in its params).
 */
export function atKeyword(head: string): { keyword: string; rest: string } {
  const ident = /^(?:[a-z0-9_-]|[^\x00-\x7f]|\\[0-9a-f]{1,6}[ \t\n\r\f]?|\\[^\n\r\f0-9a-f])+/i.exec(head)?.[0] ?? '';
  return { keyword: unescapeCss(ident).toLowerCase(), rest: head.slice(ident.length) };
}

/** What `@import` names: a string, or the address in `url(…)`. */
export function importTarget(params: string): string | undefined {
  const first = valueParser(params).nodes.find((n) => n.type !== 'space' && n.type !== 'comment');
  if (first?.type === 'string') return unescapeCss(first.value);
  return first ? cssReferences(valueParser.stringify(first))[0]?.url : undefined;
}
