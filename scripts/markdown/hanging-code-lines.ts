import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';

/** Extra indent of a wrapped line's continuation, past the source line's own indent, in characters. */
const CONTINUATION = 2;
/** The advance of one character of the mono face (JetBrains Mono, and its fallbacks, are 600/1000 em). */
const CHAR_EM = 0.6;

/**
 * Makes each line of a highlighted listing (Shiki's `span.line`) a block whose wrapped
 * continuation lines hang under the source line's indent plus two characters, so Python's
 * indentation still reads when a narrow screen or the print measure wraps a line. The first
 * line is pulled back by a negative text-indent and keeps its own leading spaces. In em, not
 * ch: older reading engines (and calibre's conversion) do not know ch. The newline between
 * lines goes into a `span.line-end` that the style sheets hide (the blocks break the lines; a
 * newline between blocks would add an empty one); without CSS it still breaks the lines.
 */
export function hangCodeLines(pre: Element): void {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  if (!code) return;
  const children: ElementContent[] = [];
  for (const child of code.children) {
    const last = children[children.length - 1];
    if (child.type === 'text' && child.value === '\n' && last?.type === 'element' && isLine(last)) {
      children.push(h('span.line-end', '\n'));
      continue;
    }
    if (child.type === 'element' && isLine(child)) {
      const indent = /^[ \t]*/.exec(toString(child))![0].replace(/\t/g, '    ').length;
      const em = `${+((indent + CONTINUATION) * CHAR_EM).toFixed(2)}em`;
      child.properties.style = `padding-left:${em};text-indent:-${em}`;
    }
    children.push(child);
  }
  code.children = children;
}

/** Shiki writes `class` as a string property, hast's own trees `className` as a list. */
function isLine(e: Element): boolean {
  const { className, class: cls } = e.properties as { className?: unknown; class?: unknown };
  const names = Array.isArray(className) ? className : String(cls ?? className ?? '').split(/\s+/);
  return names.includes('line');
}
