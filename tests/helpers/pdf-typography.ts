import { execFileSync } from 'node:child_process';

/** A line of a PDF page as pdftotext -bbox-layout reads it: its box (pt) and its words with their x extents. */
export interface PdfLine {
  readonly page: number;
  readonly x0: number;
  readonly x1: number;
  readonly height: number;
  readonly words: ReadonlyArray<{ readonly x0: number; readonly x1: number; readonly text: string }>;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** A word of a PDF page (pages from 1), its box in points from the page's top left. */
export interface PdfWord { readonly page: number; readonly text: string; readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number }

/** Every word of the PDF (or of pages `first`..), with its box (pdftotext -bbox). */
export function pdfWords(pdf: string, first = 1): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(first), pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: PdfWord[] = [];
  let page = first - 1;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, text: decode(m[5]!), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}

/** Every line of the PDF's pages (pages from 1), from poppler's word boxes. */
export function pdfLines(pdf: string, pages?: { first: number; last: number }): PdfLine[] {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const xml = execFileSync('pdftotext', ['-bbox-layout', ...range, pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines: PdfLine[] = [];
  let page = (pages?.first ?? 1) - 1;
  for (const part of xml.split('<page ').slice(1)) {
    page++;
    for (const m of part.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...m[5]!.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
        .map((w) => ({ x0: Number(w[1]), x1: Number(w[2]), text: decode(w[3]!) }));
      lines.push({ page, x0: Number(m[1]), x1: Number(m[3]), height: Number(m[4]) - Number(m[2]), words });
    }
  }
  return lines;
}

/** What a book designer counts in body text: as ../shared/tools/typography.py does (loose: justified lines whose mean word gap is 6 pt or more). */
export function bodyTypography(lines: readonly PdfLine[]): { lines: number; hyphenated: number; loose: string[]; short: string[]; ladders: number; pageEnds: string[] } {
  const heights = new Map<number, number>();
  for (const l of lines) if (l.words.length >= 6) heights.set(Math.round(l.height * 10), (heights.get(Math.round(l.height * 10)) ?? 0) + 1);
  // The body face's line height: the most common among lines of 6 words or more.
  const body = ([...heights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0) / 10;
  const bodyLines = lines.filter((l) => Math.abs(l.height - body) < 0.4);
  const right = new Map<number, number>();
  for (const l of bodyLines) right.set(l.page, Math.max(right.get(l.page) ?? 0, l.x1));
  const loose: string[] = [];
  const short: string[] = [];
  let hyphenated = 0;
  let ladders = 0;
  let run = 0;
  for (const [i, l] of bodyLines.entries()) {
    const last = l.words.at(-1)?.text ?? '';
    if (Math.abs(l.x1 - right.get(l.page)!) < 1 && l.words.length >= 3) {
      const gaps = l.words.slice(1).map((w, k) => w.x0 - l.words[k]!.x1);
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      if (mean >= 6) loose.push(`p. ${l.page}: ${mean.toFixed(1)} pt: ${l.words.map((w) => w.text).join(' ')}`);
    }
    if (last.endsWith('-')) {
      hyphenated++;
      run++;
      const before = (last.split('\u00ad')[0]!.split('-').at(-1) ?? '').match(/\p{L}/gu)?.length ?? 0;
      const after = bodyLines[i + 1]?.words[0]?.text.match(/\p{L}/gu)?.length ?? 99;
      if (last.includes('\u00ad') && (before < 3 || after < 3)) short.push(`${last} / ${bodyLines[i + 1]?.words[0]?.text}`);
    } else {
      if (run >= 3) ladders++;
      run = 0;
    }
  }
  // A page whose last body line ends in a hyphen: the word is split over the page turn.
  const pageEnds = [...new Set(bodyLines.map((l) => l.page))].flatMap((page) => {
    const last = bodyLines.filter((l) => l.page === page).at(-1)!;
    return last.words.at(-1)?.text.endsWith('-') ? [`p. ${page}: ${last.words.map((w) => w.text).join(' ')}`] : [];
  });
  return { lines: bodyLines.length, hyphenated, loose, short, ladders, pageEnds };
}
