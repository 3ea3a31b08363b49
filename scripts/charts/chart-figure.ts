import { h } from 'hastscript';
import type { Element } from 'hast';
import type { Question } from '../survey/survey-model.js';
import { answersInOrder, baseLabel, baseMismatchNote, chartAltText } from './chart-rows.js';
import type { RenderedChart } from './render-charts.js';

export interface ChartFigureOptions {
  /**
   * The footnotes the chapter prints itself (their text, blanks folded): the question's
   * `footnote` is left out of the caption when it is one of them, so the note is printed once.
   */
  readonly printedNotes?: ReadonlySet<string>;
}

/**
 * The accessible figure of one chart: the static SVG (one image with generated alt text), its
 * caption, and the data table with every share as printed. The drawing's own header shows the
 * question, its instruction, n and the partial note (render-charts.ts): the caption says only
 * what the drawing does not, the chart's number and the notes; the question names the figure
 * (`aria-label`), and so its entry in the list of figures (number-figures.ts).
 */
export function chartFigure(q: Question, chart: RenderedChart, options: ChartFigureOptions = {}): Element {
  return h('figure.chart', { id: `chart-${q.id}`, dataQuestion: q.id, ariaLabel: q.title }, [
    // The phone layout first: the style sheets show it instead of the wide one on narrow
    // screens (`.chart-narrow + svg`), and the ePub draws its image from the first SVG.
    h('div.chart-graphic', { role: 'img', ariaLabel: chartAltText(q) },
      [chart.narrowSvg, chart.svg].filter((svg): svg is string => Boolean(svg)).map((value) => ({ type: 'raw', value }) as never)),
    h('details.chart-data', [
      h('summary', 'Data table'),
      chartTable(q),
    ]),
    // Last: a figcaption is the first or the last child of its figure. The web and the ePub
    // move the data table after the figure, so there the caption follows the drawing.
    h('figcaption', [
      h('strong.figure-label', { dataKind: 'chart' }, 'Chart'),
      ...captionNotes(q, options.printedNotes).map((n) => h('span.chart-note', ` ${n}`)),
    ]),
  ]);
}

/** The notes the drawing's header does not show: the question's note (or the base's), and its footnote unless the chapter prints it. */
export function captionNotes(q: Question, printedNotes: ReadonlySet<string> = new Set()): string[] {
  const footnote = q.footnote && !printedNotes.has(foldBlanks(q.footnote)) ? `* ${q.footnote}` : null;
  return [q.note ?? baseMismatchNote(q), footnote].filter((s): s is string => Boolean(s));
}

/** A note's text compared with another's: blanks folded, ends trimmed. */
export function foldBlanks(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The data table, in the chart's order; with a previous edition, its shares and the change. */
export function chartTable(q: Question): Element {
  const previous = q.previous;
  const head = ['Answer', 'Share', 'Respondents', ...(previous ? [String(previous.edition), 'Change'] : [])];
  return h('table.data-table', [
    h('caption', `${q.title} (${baseLabel(q)}${q.complete ? '' : '; only the answers cited in the report'})`),
    h('thead', h('tr', head.map((t, i) => (i === 0 ? h('th', { scope: 'col' }, t) : h('th.num', { scope: 'col' }, t))))),
    h('tbody', answersInOrder(q).map((a) =>
      h('tr', [
        h('th', { scope: 'row' }, a.label), h('td.num', a.shareText), h('td.num', a.count === null ? '–' : String(a.count)),
        ...(previous ? [h('td.num', a.previous?.shareText ?? '–'), h('td.num', a.previous?.changeText ?? '–')] : []),
      ]))),
  ]);
}
