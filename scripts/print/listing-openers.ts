import type { PreflightFinding } from './preflight.js';

/**
 * Runs inside the print page (self-contained), after the listing lines have their ids
 * (continued-marks.ts): a line that opens a block (ends in `:`, `{`, `(` or `[`, a trailing
 * `#` comment aside) is kept with its first body line (`break-after: avoid`, on the blank
 * lines between them too), so a page never ends on `async def adapter(func):`. Returns the
 * id of each line kept so with its opener's text, for the preflight.
 */
export function keepBlockOpeners(): Array<[string, string]> {
  const openers: Array<[string, string]> = [];
  // No inner named function: tsx and esbuild wrap those in a `__name` helper the page lacks.
  for (const pre of document.querySelectorAll('pre.code')) {
    const lines = [...pre.querySelectorAll<HTMLElement>('.line')];
    lines.forEach((line, i) => {
      const text = line.textContent ?? '';
      if (!/[:{([]$/.test(text.replace(/\s+#[^'"]*$/, '').trimEnd()) || i === lines.length - 1) return;
      for (let j = i; j < lines.length - 1; j++) {
        lines[j]!.style.breakAfter = 'avoid';
        openers.push([lines[j]!.id, text.trim()]);
        if (j > i && (lines[j]!.textContent ?? '').trim() !== '') break;
        if ((lines[j + 1]!.textContent ?? '').trim() !== '') break;
      }
    });
  }
  return openers;
}

/**
 * A page that ends on a line opening a block: its body starts on the next page. From the
 * lines' pages (the pass's named destinations) and the openers keepBlockOpeners found.
 */
export function listingBreaks(listings: ReadonlyArray<readonly string[]>, openers: ReadonlyArray<[string, string]>, pageOf: ReadonlyMap<string, number>): PreflightFinding[] {
  const opener = new Map(openers);
  const findings: PreflightFinding[] = [];
  for (const lines of listings) {
    for (let i = 0; i + 1 < lines.length; i++) {
      const text = opener.get(lines[i]!);
      const here = pageOf.get(lines[i]!);
      const next = pageOf.get(lines[i + 1]!);
      if (text === undefined || here === undefined || next === undefined || next <= here) continue;
      findings.push({ page: here, kind: 'listing-break', message: `a listing breaks after the line that opens a block (${JSON.stringify(text.slice(0, 60))}); its body starts on the next page` });
    }
  }
  return findings;
}
