import type { Page } from 'puppeteer';
import { measureParagraphs, type MeasuredParagraph, type TypesetWindow } from './measure-paragraphs.js';
import { setParagraph, type ParagraphSetting } from './set-paragraph.js';
import { setParagraphs } from './set-paragraphs.js';
import { OFF_PROPERTY, SETTING_PROPERTIES, typesetSettings, type TypesetSettings } from './typeset-settings.js';
import { countLines, lineFaults, NO_COUNTS, type LineFault, type TypographyCounts } from './typography-counts.js';
import type { PreflightFinding } from '../preflight.js';
import { atColumnWidth } from '../column-width.js';

/** The ids of the marks at the starts of hyphenated lines and the lines after them: the print's own, dropped from the PDF. */
export const TYPESET_LINE_PREFIX = 'typeset-line-';

/** What setting a print page's paragraphs gave, and what it takes to set some again. */
export interface TypesetPage {
  readonly counts: TypographyCounts;
  /** Each set paragraph's faults, by its index in the page's list (typesetIds gives their ids once the page blocks are marked). */
  readonly faults: ReadonlyArray<{ readonly paragraph: number; readonly fault: LineFault; readonly opening: string; readonly reason?: string }>;
  readonly paragraphs: readonly MeasuredParagraph[];
  readonly settings?: TypesetSettings;
  /** Each paragraph's setting in the page (undefined: the browser's). */
  readonly chosen: ReadonlyArray<ParagraphSetting[number] | undefined>;
  /** The lines (from 0) of each paragraph found to end a page. */
  readonly pageEnds: ReadonlyMap<number, ReadonlySet<number>>;
}

/**
 * Sets the print page's justified paragraphs as wholes (Knuth–Plass): measured in the page,
 * broken here, applied in the page and checked there. Runs before anything measures the
 * page's heights (short paragraphs, commentaries), since it changes how many lines they have.
 */
export async function typesetPage(page: Page): Promise<TypesetPage> {
  // Measured in the faces that print: a face still loading would be measured in its fallback.
  await page.evaluate(async () => { await document.fonts.ready; });
  const restore = await atColumnWidth(page);
  const measured = await page.evaluate(measureParagraphs, { settings: SETTING_PROPERTIES });
  await restore();
  // `--typeset-paragraphs: off` leaves the lines to the browser (to compare, or for a house style that wants it).
  if (measured.settings[OFF_PROPERTY] === 'off') return { counts: NO_COUNTS, faults: [], paragraphs: [], chosen: [], pageEnds: new Map() };
  const settings = typesetSettings(measured.settings);
  const set = measured.paragraphs.map((p) => setParagraph(p, settings));
  return apply(page, { counts: NO_COUNTS, faults: [], paragraphs: measured.paragraphs, settings, chosen: [], pageEnds: new Map() }, new Map(set.entries()));
}

/**
 * After a print pass: the paragraphs whose hyphenated line ends a page (its marks start on two
 * pages) are set again with that line's hyphen costing `pageEndHyphenPenalty`. Undefined when
 * there is none left to move: the page is final as far as its paragraphs go.
 */
export async function avoidPageEndHyphens(page: Page, typeset: TypesetPage, pageOf: ReadonlyMap<string, number>): Promise<TypesetPage | undefined> {
  if (!typeset.settings) return undefined;
  const again = new Map<number, ParagraphSetting>();
  const pageEnds = new Map([...typeset.pageEnds].map(([p, lines]) => [p, new Set(lines)]));
  for (const { paragraph, line } of hyphensAtPageEnds(typeset, pageOf)) {
    // Tried once: a hyphen the setting could not move stays, reported.
    if (pageEnds.get(paragraph)?.has(line)) continue;
    pageEnds.set(paragraph, (pageEnds.get(paragraph) ?? new Set()).add(line));
    again.set(paragraph, setParagraph(typeset.paragraphs[paragraph]!, typeset.settings, pageEnds.get(paragraph)));
  }
  return again.size === 0 ? undefined : apply(page, { ...typeset, pageEnds }, again);
}

/** The hyphenated lines that end a page: the mark after it is on a later page than the mark on it. */
export function hyphensAtPageEnds(typeset: TypesetPage, pageOf: ReadonlyMap<string, number>): Array<{ paragraph: number; line: number }> {
  const found: Array<{ paragraph: number; line: number }> = [];
  for (const [paragraph, setting] of typeset.chosen.entries()) {
    for (const [line, set] of (setting?.lines ?? []).entries()) {
      if (!set.hyphen) continue;
      const here = pageOf.get(`${TYPESET_LINE_PREFIX}${paragraph}-${line}`);
      const next = pageOf.get(`${TYPESET_LINE_PREFIX}${paragraph}-${line + 1}`);
      if (here !== undefined && next !== undefined && next > here) found.push({ paragraph, line });
    }
  }
  return found;
}

/** The findings of the page's setting once printed: each paragraph's faults, and each hyphen left at a page's foot. */
export function typesetFindings(typeset: TypesetPage, pageOf: ReadonlyMap<string, number>, ids: readonly string[]): PreflightFinding[] {
  const at = (paragraph: number) => pageOf.get(ids[paragraph]!) ?? 1;
  return [
    ...typeset.faults.map(({ paragraph, fault, opening, reason }) => ({ page: at(paragraph), kind: fault.kind, message: `${fault.message}, line ${fault.line} of the paragraph “${opening}”`, ...(reason ? { reason } : {}) })),
    ...hyphensAtPageEnds(typeset, pageOf).map(({ paragraph, line }) => ({
      page: pageOf.get(`${TYPESET_LINE_PREFIX}${paragraph}-${line}`) ?? at(paragraph),
      kind: 'page-end-hyphen' as const,
      message: `a hyphenated word is split over the page turn, line ${line + 1} of the paragraph “${opening(typeset.paragraphs[paragraph]!.pieces)}”`,
      reason: 'the paragraph has no setting without that hyphen within the tolerance',
    })),
  ];
}

/** Applies the settings of some paragraphs in the page and counts the whole page again. */
async function apply(page: Page, typeset: TypesetPage, settings: ReadonlyMap<number, ParagraphSetting>): Promise<TypesetPage> {
  const count = typeset.paragraphs.length;
  const plans = Array.from({ length: count }, (_, i) => settings.get(i)?.map((a) => [...a.plan]) ?? null);
  // The marks: the start of each hyphenated line and of the line after it.
  const marks = Array.from({ length: count }, (_, i) => {
    const lines = settings.get(i)?.[0]?.lines;
    return lines ? lines.flatMap((l, n) => (l.hyphen ? [n, n + 1] : [])) : null;
  });
  // Checked at the column's width: also between print passes (a paragraph set again).
  const restore = await atColumnWidth(page);
  const used = await page.evaluate(setParagraphs, { plans, marks, markPrefix: TYPESET_LINE_PREFIX });
  await restore();
  const chosen = Array.from({ length: count }, (_, i) => {
    if (!settings.has(i) || used[i] === -2) return typeset.chosen[i];
    return used[i]! >= 0 ? settings.get(i)![used[i]!] : undefined;
  });
  const faults = chosen.flatMap((setting, paragraph) => (!setting ? [] : lineFaults(setting.lines).map((fault) => {
    const next = setting.lines[fault.line - 1]?.next;
    // A loose line the rules could not avoid: a note that says why, not a warning.
    const reason = fault.kind === 'loose-line' && setting.strained && next
      ? `no setting of the paragraph keeps its lines within the tolerance: the next line opens with “${next}”, which does not fit and is not hyphenated (a name, code, a word too short to break, or the paragraph’s last word)`
      : undefined;
    return { paragraph, fault, opening: opening(typeset.paragraphs[paragraph]!.pieces), ...(reason ? { reason } : {}) };
  })));
  const set = chosen.filter((c) => c !== undefined);
  return { ...typeset, chosen, faults, counts: countLines(set.map((c) => c.lines), count - set.length) };
}

/** Runs inside the print page (self-contained): the ids of the paragraphs measureParagraphs kept, in its order. */
export function typesetIds(): string[] {
  return (window as unknown as TypesetWindow).__typeset.map((k) => k.element.id);
}

/** A paragraph's first words, to name it in a finding. */
function opening(pieces: MeasuredParagraph['pieces']): string {
  let text = '';
  for (const p of pieces) {
    text += p.k === 'box' ? p.t : p.k === 'space' ? ' ' : '';
    if (text.length >= 40) break;
  }
  return text.length >= 40 ? `${text.slice(0, 40)}…` : text;
}
