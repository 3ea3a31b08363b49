import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Raw HTML never reaches the outputs: it could carry scripts or event handlers into the
 * PDF, ePub and web edition. Comments are editors' notes and are dropped; anything else is
 * an error that points at a Markdown or directive alternative.
 */
export default function remarkRefuseRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) {
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const dangerous = /<script|\son[a-z]+\s*=|javascript:/i.test(node.value);
      const message = file.message(
        dangerous ? 'raw HTML with a script or event handler is not allowed' : 'raw HTML is not allowed in the manuscript',
        { place: node.position, ruleId: 'raw-html', source: 'ptr' },
      );
      message.fatal = true;
      message.note = 'use Markdown or a directive (see manuscript/AUTHORING.md); outputs never carry author HTML';
      return undefined;
    });
  };
}
