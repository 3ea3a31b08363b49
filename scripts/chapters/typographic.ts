import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { toString } from 'mdast-util-to-string';

const processor = unified().use(remarkParse).use(remarkSmartypants, { dashes: false, ellipses: false, backticks: false });

/** Typographic quotes for front-matter strings, made by the same plugin as the body text. */
export function typographic(text: string): string {
  const tree = processor.runSync(processor.parse(text));
  return toString(tree);
}
