import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import type { Survey } from '../../survey/survey-model.js';
import type { RenderedChart } from '../../charts/render-charts.js';
import { chartFigure, foldBlanks } from '../../charts/chart-figure.js';

export interface RemarkChartOptions {
  readonly survey: Survey;
  readonly charts: ReadonlyMap<string, RenderedChart>;
}

declare module 'vfile' {
  interface DataMap {
    /** Question ids placed in this chapter, in order. */
    charts: string[];
  }
}

/** `::chart{#id}` places the rendered chart of a survey question as an accessible figure. */
export default function remarkChart(options: RemarkChartOptions) {
  return (tree: Root, file: VFile) => {
    file.data.charts = [];
    // A question's footnote that the chapter prints as its own footnote is not printed again in the caption.
    const printedNotes = new Set<string>();
    visit(tree, 'footnoteDefinition', (note) => {
      printedNotes.add(foldBlanks(toString(note)));
    });
    visit(tree, 'leafDirective', (node: LeafDirective) => {
      if (node.name !== 'chart') return;
      const id = node.attributes?.id ?? '';
      const question = options.survey.questions.get(id);
      const chart = options.charts.get(id);
      if (!question || !chart) {
        const m = file.message(`chart "${id}" has no survey data or spec`, { place: node.position, ruleId: 'chart', source: 'ptr' });
        m.fatal = true;
        m.note = `add charts/data/${id}.yaml and charts/${id}.vl.json, or fix the id`;
        return;
      }
      file.data.charts!.push(id);
      const figure = chartFigure(question, chart, { printedNotes });
      node.data = { hName: 'figure', hProperties: figure.properties, hChildren: figure.children as never };
    });
  };
}
