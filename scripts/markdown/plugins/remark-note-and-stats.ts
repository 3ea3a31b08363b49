import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';

/**
 * `:::note` (an editorial note, e.g. for a figure that could not be recovered) and
 * `:::stats` (an infographic of key figures): both are styled boxes around Markdown.
 */
export default function remarkNoteAndStats() {
  return (tree: Root) => {
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name === 'note') node.data = { hName: 'aside', hProperties: { className: ['editorial-note'], role: 'note' } };
      if (node.name === 'stats') node.data = { hName: 'div', hProperties: { className: ['stats'] } };
    });
  };
}
