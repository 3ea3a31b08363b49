import type { ChartSpec } from './chart-spec-schema.js';

/** Room per wrapped label line, px: a bar grows to fit its label. */
const LINE_HEIGHT = 15;

/**
 * The house chart as Vega-Lite: bars of the printed shares on a 0–100 scale, each labelled
 * with its share as printed, labels wrapped by the renderer (newline-joined). Colours, fonts
 * and axis style come from the theme. A two-edition chart pairs each answer's bars (the
 * previous edition paler) and labels the current bar with the change in percentage points.
 */
export function chartTemplate(spec: ChartSpec, maxLabelLines: number): Record<string, unknown> {
  const step = Math.max(spec.step, maxLabelLines * LINE_HEIGHT + 10) * (spec.kind === 'editions' ? 1.5 : 1);
  const horizontal = spec.orientation === 'horizontal';
  const [answerChannel, valueChannel] = horizontal ? ['y', 'x'] : ['x', 'y'];
  const answer = {
    field: 'label', type: 'nominal', sort: null,
    axis: { title: null, labelExpr: "split(datum.value, '\\n')", labelLimit: 0, ...(horizontal ? {} : { labelAngle: 0 }) },
  };
  const value = { field: 'share', type: 'quantitative', scale: { domain: [0, 100] }, axis: null };
  const size = horizontal ? { width: spec.width, height: { step } } : { height: spec.width, width: { step } };
  const text = horizontal
    ? { type: 'text', align: 'left', baseline: 'middle', dx: 5 }
    : { type: 'text', align: 'center', baseline: 'bottom', dy: -5 };
  if (spec.kind === 'bar') {
    return {
      data: { name: spec.data.name },
      ...size,
      encoding: { [answerChannel]: answer, [valueChannel]: value },
      layer: [
        { mark: { type: 'bar' } },
        { mark: text, encoding: { text: { field: 'shareText' } } },
      ],
    };
  }
  const edition = { field: 'edition', type: 'nominal', sort: 'ascending' };
  return {
    data: { name: spec.data.name },
    ...size,
    encoding: {
      [answerChannel]: answer,
      [valueChannel]: value,
      [`${answerChannel}Offset`]: edition,
      opacity: { field: 'edition', type: 'ordinal', sort: 'ascending', scale: { range: [0.4, 1] }, legend: { title: null, orient: 'bottom', direction: 'horizontal', symbolType: 'square' } },
    },
    layer: [
      { mark: { type: 'bar' } },
      { mark: text, encoding: { text: { field: 'valueText' }, opacity: { value: 1 } } },
    ],
  };
}
