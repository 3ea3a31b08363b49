import { run } from './run.js';

/** The text of every page (pdftotext -layout), index 0 = page 1. */
export function pdfPages(pdf: string): string[] {
  const pages = run('pdftotext', ['-layout', pdf, '-']).split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages;
}

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A page's lines (of `pdfPages`), trimmed, without empty ones. */
export const pageLines = (page: string) => page.split('\n').map((l) => l.trim()).filter(Boolean);

/** Body text: something besides the folio (a lone number) and the running head. */
export const hasBody = (lines: readonly string[]) => lines.filter((l) => !/^\d+$/.test(l)).length > 1;

/** Text compared without spaces and case: letter-spaced, uppercased labels come out as "PA R T I". */
export const bare = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The printed contents: each entry's title and page number. The number stands on an
 * entry's last line; a wrapped title starts on the lines above it.
 */
export function printedContents(pages: readonly string[]): Array<{ title: string; page: number }> {
  const start = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
  const entries: Array<{ title: string; page: number }> = [];
  let pending = '';
  for (let i = start; i < pages.length; i++) {
    if (i > start && !/\s\d+\s*$/m.test(pages[i]!)) break;
    const lines = pages[i]!.split('\n').map((l) => l.trim()).filter(Boolean);
    lines.pop(); // the folio
    for (const line of lines) {
      if (line === 'Contents') continue;
      const m = /^(.*?)[\s.]*\s(\d+)$/.exec(line);
      if (m) {
        entries.push({ title: squash(`${pending} ${m[1]!}`), page: Number(m[2]) });
        pending = '';
      } else pending = `${pending} ${line}`;
    }
  }
  return entries;
}
