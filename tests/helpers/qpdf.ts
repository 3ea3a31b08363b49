import { run } from './run.js';

export interface QpdfJson {
  outlines: Array<{ title: string; destpageposfrom1: number; kids: QpdfJson['outlines'] }>;
  pagelabels: unknown[];
  qpdf: [Record<string, unknown>, Record<string, { value?: Record<string, unknown> }>];
}

/** qpdf's JSON (v2) view of a PDF: outlines, page labels and every object. */
export function qpdfJson(pdf: string): QpdfJson {
  return JSON.parse(run('qpdf', ['--json', pdf])) as QpdfJson;
}

export function catalogOf(json: QpdfJson): Record<string, unknown> {
  const trailer = json.qpdf[1].trailer?.value as { '/Root'?: string } | undefined;
  const root = trailer?.['/Root']?.replace(/^(\d+) (\d+) R$/, 'obj:$1 $2 R');
  return (json.qpdf[1][root ?? '']?.value ?? {}) as Record<string, unknown>;
}
