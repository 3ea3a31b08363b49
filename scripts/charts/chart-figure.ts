import { h } from 'hastscript';
import type { Element } from 'hast';
import type { Question } from '../survey/survey-model.js';
import { answersInOrder, baseLabel, baseMismatchNote, chartAltText, chartSubtitle, partialNote } from './chart-rows.js';
import type { RenderedChart } from './render-charts.js';

/**
 * The accessible figure of one chart: the static SVG (one image with generated alt text),
 * a numbered caption, the notes, and the data table with every share as printed.
 */
export function chartFigure(q: Question, chart: RenderedChart): Element {
  const partial = partialNote(q);
  const notes = [q.note ?? baseMismatchNote(q), q.footnote ? `* ${q.footnote}` : null].filter((s): s is string => Boolean(s));
  return h('figure.chart', { id: `chart-${q.id}`, dataQuestion: q.id }, [
    // The phone layout first: the style sheets show it instead of the wide one on narrow
    // screens (`.chart-narrow + svg`), and the ePub draws its image from the first SVG.
    h('div.chart-graphic', { role: 'img', ariaLabel: chartAltText(q) },
      [chart.narrowSvg, chart.svg].filter((svg): svg is string => Boolean(svg)).map((value) => ({ type: 'raw', value }) as never)),
    h('details.chart-data', [
      h('summary', 'Data table'),
      chartTable(q),
    ]),
    // Last: in XHTML a figcaption must be the first or the last child of its figure.
    h('figcaption', [
      h('strong.figure-label', { dataKind: 'chart' }, 'Chart'), ' ',
      h('span.figure-title', q.title),
      h('span.chart-meta', ` ${chartSubtitle(q)}.`),
      ...(partial ? [h('span.chart-note.chart-partial', ` ${partial}`)] : []),
      ...notes.map((n) => h('span.chart-note', ` ${n}`)),
    ]),
  ]);
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
