import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The report's other editions, offered on the landing page; paths relative to the web folder. */
export interface Download {
  readonly href: string;
  readonly label: string;
  readonly detail: string;
  /** Known when the file was written by the same build; the box then says how large it is. */
  readonly bytes?: number;
}

/** The PDF and ePub beside `web/` in `dir`, with their sizes where the files exist. */
export async function downloadsIn(dir: string, output: string): Promise<Download[]> {
  const size = (file: string) => stat(join(dir, file)).then((s) => s.size, () => undefined);
  return [
    { href: `../${output}.pdf`, label: 'PDF', detail: 'A4, for print and screen', bytes: await size(`${output}.pdf`) },
    { href: `../${output}.epub`, label: 'ePub', detail: 'for e-readers', bytes: await size(`${output}.epub`) },
  ];
}

/** `2.4 MB`, `860 KB`: decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
