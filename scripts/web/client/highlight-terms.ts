/** Words as MiniSearch's default tokenizer sees them: runs between spaces and punctuation. */
const SEPARATOR = /([\n\r\p{Z}\p{P}]+)/u;

/**
 * The text as nodes, each word the search matched (`terms`, as the index holds them:
 * lower case) wrapped in <mark>. Built from text nodes, never from HTML.
 */
export function highlightTerms(text: string, terms: readonly string[]): Node[] {
  const wanted = new Set(terms.map((t) => t.toLowerCase()));
  const nodes: Node[] = [];
  let plain = '';
  for (const part of text.split(SEPARATOR)) {
    if (part && wanted.has(part.toLowerCase())) {
      if (plain) nodes.push(document.createTextNode(plain));
      plain = '';
      const mark = document.createElement('mark');
      mark.textContent = part;
      nodes.push(mark);
    } else plain += part;
  }
  if (plain) nodes.push(document.createTextNode(plain));
  return nodes;
}
