import { h } from 'hastscript';
import type { Element } from 'hast';
import type { Question } from '../survey/survey-model.js';
import { answersByShare, chartAltText, chartSubtitle, partialNote } from './chart-rows.js';
import type { RenderedChart } from './render-charts.js';

/**
 * The accessible figure of one chart: the static SVG (one image with generated alt text),
 * a numbered caption, the notes, and the data table with every share as printed.
 */
export function chartFigure(q: Question, chart: RenderedChart): Element {
  const partial = partialNote(q);
  const notes = [q.note, q.footnote ? `* ${q.footnote}` : null].filter((s): s is string => Boolean(s));
  return h('figure.chart', { id: `chart-${q.id}`, dataQuestion: q.id }, [
    h('div.chart-graphic', { role: 'img', ariaLabel: chartAltText(q) }, [{ type: 'raw', value: chart.svg } as never]),
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

export function chartTable(q: Question): Element {
  return h('table.data-table', [
    h('caption', `${q.title} (n = ${q.base}${q.complete ? '' : '; only the answers cited in the report'})`),
    h('thead', h('tr', [h('th', { scope: 'col' }, 'Answer'), h('th.num', { scope: 'col' }, 'Share'), h('th.num', { scope: 'col' }, 'Respondents')])),
    h('tbody', answersByShare(q).map((a) =>
      h('tr', [h('th', { scope: 'row' }, a.label), h('td.num', a.shareText), h('td.num', a.count === null ? '–' : String(a.count))]))),
  ]);
}
