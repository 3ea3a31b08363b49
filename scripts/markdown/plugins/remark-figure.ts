import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { FigureAssets } from '../../figures/figure-assets.js';
import { reportFigureFindings } from '../../figures/report-figure-findings.js';

export interface RemarkFigureOptions {
  readonly figures: FigureAssets;
}

/**
 * `:::figure{src alt title}` becomes a numbered figure with the drawn SVG inlined (so every
 * edition gets the same vector image and its text stays real text) and a caption.
 */
export default function remarkFigure(options: RemarkFigureOptions) {
  return async (tree: Root, file: VFile) => {
    const nodes: ContainerDirective[] = [];
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name === 'figure') nodes.push(node);
    });
    for (const node of nodes) {
      const { src = '', alt = '', title = '' } = node.attributes ?? {};
      const result = await options.figures.load(src ?? '', file.path);
      reportFigureFindings(file, result.findings);
      if (!result.ok) {
        // Refused for what its SVG holds: the errors above point into the figure's file.
        if (result.findings.length > 0) continue;
        const m = file.message(result.reason, { place: node.position, ruleId: 'figure', source: 'ptr' });
        m.fatal = true;
        m.note = result.hint;
        continue;
      }
      (file.data.figureSources ??= []).push(src ?? '');
      const caption = node.children;
      node.data = { hName: 'figure', hProperties: { className: ['figure', 'drawing'], id: `figure-${result.name}` } };
      node.children = [
        { type: 'paragraph', children: [], data: { hName: 'div', hProperties: { className: ['figure-graphic'], role: 'img', ariaLabel: alt, ...legible(result.legibleWidth) }, hChildren: [{ type: 'raw', value: result.svg }] } } as never,
        {
          type: 'paragraph',
          data: { hName: 'figcaption' },
          children: [
            { type: 'strong', data: { hProperties: { className: ['figure-label'], dataKind: 'figure' } }, children: [{ type: 'text', value: 'Figure' }] },
            { type: 'text', value: ' ' },
            { type: 'strong', data: { hProperties: { className: ['figure-title'] } }, children: [{ type: 'text', value: title }] },
            ...caption.flatMap((p) => (p.type === 'paragraph' ? [{ type: 'text', value: '. ' }, ...p.children] : [])),
          ],
        } as never,
      ];
    }
  };
}

/**
 * The width below which the drawing's smallest text would fall under 12 px: the web edition
 * keeps the drawing that wide in a frame that scrolls sideways on a narrower column (screen.css),
 * focusable so a keyboard scrolls it too. The print and the ePub do not use it.
 */
function legible(width: number | undefined): Record<string, string | number> {
  return width === undefined ? {} : { style: `--legible-width:${width}px`, tabIndex: 0 };
}
