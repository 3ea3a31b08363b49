import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

export interface RemarkCommentaryOptions {
  /** Prefixes the boxes' ids, which must be unique when every chapter shares one document. */
  readonly chapterId: string;
}

/** `:::commentary{name role affiliation}` becomes an aside with a heading and the expert's byline. */
export default function remarkCommentary(options: RemarkCommentaryOptions) {
  return (tree: Root) => {
    let n = 0;
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name !== 'commentary') return;
      n += 1;
      const { name = '', role = '', affiliation } = node.attributes ?? {};
      const headingId = `${options.chapterId}--commentary-${n}`;
      node.data = { hName: 'aside', hProperties: { className: ['commentary'], ariaLabelledBy: [headingId] } };
      const heading = { type: 'paragraph', data: { hName: 'p', hProperties: { className: ['commentary-label'], id: headingId }, hChildren: [{ type: 'text', value: 'Expert commentary' }] }, children: [] };
      const byline = {
        type: 'paragraph', children: [],
        data: { hName: 'footer', hProperties: { className: ['byline'] }, hChildren: [
          h('span.byline-name', name), h('span.byline-role', role),
          ...(affiliation ? [h('span.byline-affiliation', affiliation)] : []),
        ] },
      };
      node.children = [heading as never, ...node.children, byline as never];
    });
  };
}
