import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';

export interface FigureEntry {
  readonly id: string;
  readonly kind: 'figure' | 'chart';
  readonly number: number;
  readonly title: string;
}

/**
 * Numbers figures and charts through the whole book ("Figure 3", "Chart 12"), in reading
 * order, and returns them for a list of figures.
 */
export function numberFigures(trees: readonly (Root | Element)[]): FigureEntry[] {
  const counters = { figure: 0, chart: 0 };
  const entries: FigureEntry[] = [];
  for (const tree of trees) {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'figure' || typeof node.properties.id !== 'string') return;
      let label: Element | undefined;
      let title = '';
      visit(node, 'element', (child: Element) => {
        const cls = (child.properties.className as string[] | undefined) ?? [];
        if (cls.includes('figure-label')) label = child;
        if (cls.includes('figure-title') && !title) title = toString(child).trim();
      });
      if (!label) return;
      // A chart's caption leaves its question to the drawing's header: the figure's name is the question.
      if (!title && typeof node.properties.ariaLabel === 'string') title = node.properties.ariaLabel.trim();
      const kind = label.properties.dataKind === 'chart' ? 'chart' : 'figure';
      const number = ++counters[kind];
      label.children = [{ type: 'text', value: `${kind === 'chart' ? 'Chart' : 'Figure'} ${number}.` }];
      entries.push({ id: node.properties.id, kind, number, title });
    });
  }
  return entries;
}

