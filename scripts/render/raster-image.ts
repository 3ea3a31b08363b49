/** A graphic drawn as PNG, with its size in CSS pixels: the PNG holds `CHART_SCALE` times as many. */
export interface RasterImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Twice the chart's size: sharp on phone and e-ink screens, a few tens of KB per chart. */
export const CHART_SCALE = 2;
