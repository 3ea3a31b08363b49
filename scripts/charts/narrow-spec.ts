/** A bound Vega-Lite spec: the house template filled in for one question. */
type VegaLiteSpec = Record<string, unknown>;

/**
 * The phone layout of a bar chart: each answer's label on its own line(s) above its bar,
 * across the whole width, instead of a label column beside the bars. At 390 px the wide
 * chart (a 190 px label column beside 380 px of bars) is scaled to ~60 %, its 12 px labels
 * to 7 px; this one is drawn at about the width of a phone's text column, so it is shown at
 * its own size (or larger) and its labels stay at 13 px.
 */
export const NARROW = {
  /** The bars' width: 100 % of the scale, with room after it for the printed share. */
  width: 270,
  /** Labels and title wrap to the chart's full width (the SVG is ~330 px with its padding). */
  labelWidth: 316,
  titleWidth: 316,
  labelSize: 13,
  lineHeight: 16,
  barHeight: 14,
} as const;

/** The label layer's own field: the label with the empty lines that set it at its slot's foot. */
const NARROW_LABEL = 'narrowLabel';
const GAP_ABOVE_LABEL = 4;
const GAP_LABEL_TO_BAR = 4;
/** Wider than the gap from a label to its bar, so a label reads with the bar below it, not the one above. */
const GAP_BELOW_BAR = 10;

interface Layer { mark?: string | Record<string, unknown>; encoding?: Record<string, unknown> }

/**
 * The narrow variant of a bound horizontal-bar spec (nominal `y`, quantitative `x`, a bar
 * layer and a text layer for the shares): the y axis goes, each band grows to hold the label
 * lines above the bar, and a text layer writes the labels. Returns undefined for a spec of
 * another shape, which then has no narrow variant. `labelLines` is the most lines a label
 * wraps to at NARROW.labelWidth.
 */
export function narrowSpec(bound: VegaLiteSpec, labelLines: number): VegaLiteSpec | undefined {
  const encoding = bound.encoding as Record<string, Record<string, unknown> | undefined> | undefined;
  const y = encoding?.y;
  const layers = bound.layer as Layer[] | undefined;
  if (y?.type !== 'nominal' || encoding?.x?.type !== 'quantitative' || !Array.isArray(layers)) return undefined;
  const markType = (l: Layer) => (typeof l.mark === 'string' ? l.mark : l.mark?.type);
  if (!layers.some((l) => markType(l) === 'bar')) return undefined;

  const labelBlock = labelLines * NARROW.lineHeight;
  const step = GAP_ABOVE_LABEL + labelBlock + GAP_LABEL_TO_BAR + NARROW.barHeight + GAP_BELOW_BAR;
  // Offsets from the band's centre, where Vega-Lite puts a mark on a band scale.
  const barCentre = step / 2 - GAP_BELOW_BAR - NARROW.barHeight / 2;
  const labelTop = -step / 2 + GAP_ABOVE_LABEL;
  /** The answer's label, as a Vega expression. */
  const label = `datum[${JSON.stringify(String(y.field))}]`;
  const markOf = (l: Layer) => (typeof l.mark === 'string' ? { type: l.mark } : { ...l.mark });

  const narrow = structuredClone(bound) as Record<string, unknown>;
  narrow.width = NARROW.width;
  narrow.height = { step };
  narrow.encoding = { ...encoding, y: { ...y, axis: null, scale: { paddingInner: 0, paddingOuter: 0 } } };
  narrow.layer = [
    ...layers.map((l): Layer => {
      const mark = markOf(l);
      if (mark.type === 'bar') return { ...l, mark: { ...mark, height: NARROW.barHeight, yOffset: barCentre } };
      if (mark.type === 'text') return { ...l, mark: { ...mark, baseline: 'middle', dy: barCentre, fontSize: NARROW.labelSize } };
      return l;
    }),
    {
      // Every band holds the longest label's lines; a shorter label is set at the foot of its
      // slot, just above its own bar, not at the top where it would sit nearer the bar above.
      // Vega sets a label's lines downwards from its anchor whatever the baseline, so the slot
      // is filled from above with empty lines (pad).
      transform: [{ calculate: `pad('', ${labelLines} - length(split(${label}, '\\n')), '\\n') + ${label}`, as: NARROW_LABEL }],
      mark: {
        type: 'text', align: 'left', baseline: 'top', dy: labelTop, lineBreak: '\n', lineHeight: NARROW.lineHeight,
        fontSize: NARROW.labelSize, fontWeight: 400,
      },
      encoding: { text: { field: NARROW_LABEL }, x: { value: 0 } },
    },
  ];
  return narrow;
}
