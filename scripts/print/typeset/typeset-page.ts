import type { Page } from 'puppeteer';
import { measureParagraphs } from './measure-paragraphs.js';
import { setParagraph, type ParagraphSetting } from './set-paragraph.js';
import { setParagraphs } from './set-paragraphs.js';
import { OFF_PROPERTY, SETTING_PROPERTIES, typesetSettings } from './typeset-settings.js';
import { countLines, lineFaults, NO_COUNTS, type LineFault, type TypographyCounts } from './typography-counts.js';

/** What setting a print page's paragraphs gave. */
export interface TypesetPage {
  readonly counts: TypographyCounts;
  /** Each set paragraph's faults, by its index in the page's list (typesetIds gives their ids once the page blocks are marked). */
  readonly faults: ReadonlyArray<{ readonly paragraph: number; readonly fault: LineFault; readonly opening: string; readonly reason?: string }>;
}

/**
 * Sets the print page's justified paragraphs as wholes (Knuth–Plass): measured in the page,
 * broken here, applied in the page and checked there. Runs before anything measures the
 * page's heights (short paragraphs, commentaries), since it changes how many lines they have.
 */
export async function typesetPage(page: Page): Promise<TypesetPage> {
  // Measured in the faces that print: a face still loading would be measured in its fallback.
  await page.evaluate(async () => { await document.fonts.ready; });
  const measured = await page.evaluate(measureParagraphs, { settings: SETTING_PROPERTIES });
  // `--typeset-paragraphs: off` leaves the lines to the browser (to compare, or for a house style that wants it).
  if (measured.settings[OFF_PROPERTY] === 'off') return { counts: NO_COUNTS, faults: [] };
  const settings = typesetSettings(measured.settings);
  const set = measured.paragraphs.map((p) => setParagraph(p, settings));
  const used = await page.evaluate(setParagraphs, { plans: set.map((alternatives) => (alternatives.length > 0 ? alternatives.map((a) => [...a.plan]) : null)) });
  const kept: Array<[number, ParagraphSetting[number]]> = [];
  for (const [i, alternatives] of set.entries()) if (used[i]! >= 0) kept.push([i, alternatives[used[i]!]!]);
  const faults = kept.flatMap(([paragraph, setting]) => lineFaults(setting.lines).map((fault) => {
    const next = setting.lines[fault.line - 1]?.next;
    // A loose line the rules could not avoid: a note that says why, not a warning.
    const reason = fault.kind === 'loose-line' && setting.strained && next
      ? `no setting of the paragraph keeps its lines within the tolerance: the next line opens with “${next}”, which does not fit and is not hyphenated (a name, code, or a word too short to break)`
      : undefined;
    return { paragraph, fault, opening: opening(measured.paragraphs[paragraph]!.pieces), ...(reason ? { reason } : {}) };
  }));
  return { counts: countLines(kept.map(([, setting]) => setting.lines), set.length - kept.length), faults };
}

/** Runs inside the print page (self-contained): the ids of the paragraphs measureParagraphs kept, in its order. */
export function typesetIds(): string[] {
  return (window as unknown as { __typeset: Array<{ element: HTMLElement }> }).__typeset.map((k) => k.element.id);
}

/** A paragraph's first words, to name it in a finding. */
function opening(pieces: ReturnType<typeof measureParagraphs>['paragraphs'][number]['pieces']): string {
  let text = '';
  for (const p of pieces) {
    text += p.k === 'box' ? p.t : p.k === 'space' ? ' ' : '';
    if (text.length >= 40) break;
  }
  return text.length >= 40 ? `${text.slice(0, 40)}…` : text;
}
