import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';

/** `:::quote{by}` becomes figure > blockquote + figcaption, the accessible pattern for attributed quotes. */
export default function remarkQuote() {
  return (tree: Root) => {
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name !== 'quote') return;
      const by = node.attributes?.by ?? '';
      node.data = { hName: 'figure', hProperties: { className: ['quote'] } };
      const quote = { type: 'blockquote', children: node.children };
      const caption = { type: 'paragraph', data: { hName: 'figcaption' }, children: [{ type: 'text', value: `—${by}` }] };
      node.children = [quote as never, caption as never];
    });
  };
}
