import { z } from 'zod';

/**
 * What a chart spec (`charts/<id>.vl.json`) may say: only how it differs from the house bar
 * chart, whose Vega-Lite lives once in chart-template.ts. `{"data": {"name": "<id>"}}` alone
 * is a horizontal bar chart, sorted by share (or in scale order for an ordered question).
 */
export const chartSpecSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  data: z.object({ name: z.string() }).passthrough(),
  /** `editions`: this edition's bars beside the previous edition's, with the change in points. */
  kind: z.enum(['bar', 'editions']).default('bar'),
  orientation: z.enum(['horizontal', 'vertical']).default('horizontal'),
  /** `share`: largest first; `scale`: the answers' natural order, as listed in the data file. */
  sort: z.enum(['share', 'scale']).optional(),
  /** Width of the plot in px, and the room per answer (per bar group), in px. */
  width: z.number().int().min(100).max(1000).default(380),
  step: z.number().int().min(10).max(120).default(28),
}).strict();

export type ChartSpec = z.infer<typeof chartSpecSchema>;
