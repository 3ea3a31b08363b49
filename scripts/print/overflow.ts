import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chapterIdOf } from '../chapters/load-chapters.js';
import type { BookConfig } from '../config/load-book.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readProjectFile } from '../diagnostics/project-files.js';

/**
 * The print preflight's rule for boxes wider than the text column. Chromium, given a box wider
 * than the page, shrinks every page of the book to fit it (one 138-character URL: 121 pages
 * became 79, the text two thirds of its size), and exits 0; print.css now clips what sticks out
 * instead, so anything that still does would be cut off: the build refuses it, at its chapter.
 */

/** A box (an element, or the text of one) found sticking out of the column, as the page reports it. */
export interface OverflowBox {
  /** Its place in the list, and that of the nearest listed box around it (-1: none). */
  readonly index: number;
  readonly parent: number;
  /** The chapter (`data-chapter`) or other section (`id`) it is in. */
  readonly section: string;
  /** `#text` (a block whose text sticks out), or the tag of a box that does. */
  readonly tag: string;
  /** Its longest run of characters without a space: what to look for in the source. */
  readonly token: string;
  /** How far past the column's edge it reaches, in CSS pixels. */
  readonly excess: number;
}

/** One box to refuse: the innermost of the boxes that stick out, where an author can act. */
export interface OverflowFinding {
  readonly section: string;
  readonly what: string;
  readonly token: string;
  /** How much wider than the column it is, in millimetres (rounded up). */
  readonly mm: number;
}

/** Less than this is a rounding of the layout, not an overflow (given to `measureOverflow`). */
export const OVERFLOW_TOLERANCE_PX = 0.5;
const PX_PER_MM = 96 / 25.4;

/**
 * Runs inside the print page (self-contained: no imports, no closures, and no named helper
 * functions: the bundler would wrap them in a name helper the page lacks). With the book laid
 * out at the printed column's width (the caller sets it: column-width.ts), lists every element
 * and every text whose box reaches past the
 * column's left or right edge (a box by itself, a text by the block it is in), in the sections
 * where something does. The cover is laid out on a page of its own, without margins: left out.
 */
export function measureOverflow(tolerance: number): OverflowBox[] {
  const body = document.body;
  const column = body.getBoundingClientRect();
  const boxes: OverflowBox[] = [];
  const listed = new Map<Node, number>();
  const range = document.createRange();
  // Replaced elements are boxes of their own even when inline.
  const replaced = new Set(['IMG', 'svg', 'VIDEO', 'CANVAS', 'IFRAME']);
  // Only the sections whose content reaches past their right edge (scrollWidth counts what
  // sticks out, clipped or not), or that are wider than the column themselves, are measured box
  // by box: every box and text of the report took 0.7 s.
  const sections = [...document.querySelectorAll('body > :not(main, .cover), main > *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return e.scrollWidth > e.clientWidth + tolerance || r.right > column.right + tolerance || r.left < column.left - tolerance;
  });
  for (const section of sections) {
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = section; node; node = walker.nextNode()) {
      let rect: DOMRect;
      // A text is named by the block it is in (its runs are split by <wbr>, links, emphasis).
      let owner: Element;
      if (node instanceof Text) {
        if (node.data.trim() === '') continue;
        range.selectNodeContents(node);
        rect = range.getBoundingClientRect();
        owner = node.parentElement!;
        while (owner !== section && getComputedStyle(owner).display.startsWith('inline') && !replaced.has(owner.tagName)) owner = owner.parentElement!;
      } else {
        owner = node as Element;
        if (getComputedStyle(owner).display.startsWith('inline') && !replaced.has(owner.tagName)) continue;
        rect = owner.getBoundingClientRect();
      }
      if (rect.width === 0 && rect.height === 0) continue;
      const excess = Math.max(rect.right - column.right, column.left - rect.left);
      if (excess <= tolerance) continue;
      const known = listed.get(owner);
      if (known !== undefined) {
        boxes[known] = { ...boxes[known]!, excess: Math.max(boxes[known]!.excess, excess) };
        continue;
      }
      let parent = -1;
      for (let up = owner.parentNode; up && up !== body; up = up.parentNode) {
        const at = listed.get(up);
        if (at !== undefined) {
          parent = at;
          break;
        }
      }
      const holder = owner.closest('[data-chapter]') ?? owner.closest('body > [id], main > [id]');
      const text = (owner.textContent ?? '').replace(/\u00ad/g, '');
      const token = text.split(/\s+/).reduce((longest, t) => (t.length > longest.length ? t : longest), '');
      listed.set(owner, boxes.length);
      boxes.push({ index: boxes.length, parent, section: holder?.getAttribute('data-chapter') ?? holder?.id ?? '', tag: node instanceof Text ? '#text' : owner.tagName.toLowerCase(), token, excess });
    }
  }
  return boxes;
}

/**
 * The boxes to name: those with nothing listed inside them (a paragraph sticks out because
 * its URL does: the URL is named), once per section and text.
 */
export function overflowFindings(boxes: readonly OverflowBox[]): OverflowFinding[] {
  const outer = new Set(boxes.map((b) => b.parent).filter((p) => p >= 0));
  const seen = new Set<string>();
  const findings: OverflowFinding[] = [];
  for (const box of boxes) {
    if (outer.has(box.index)) continue;
    const key = `${box.section}\0${box.tag}\0${box.token}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ section: box.section, what: describeBox(box), token: box.token, mm: Math.ceil(box.excess / PX_PER_MM) });
  }
  return findings;
}

function describeBox(box: OverflowBox): string {
  const shown = box.token.length > 40 ? `${box.token.slice(0, 37)}…` : box.token;
  if (box.tag === '#text') return `the text "${shown}" (${box.token.length} characters without a break)`;
  const name = { table: 'a table', img: 'a picture', svg: 'a drawing', pre: 'a listing', figure: 'a figure' }[box.tag] ?? `a <${box.tag}>`;
  return shown ? `${name} ("${shown}")` : name;
}

/** Thrown by the print stage, before printing, when boxes stick out of the column. */
export class PrintOverflow extends Error {
  constructor(readonly findings: readonly OverflowFinding[]) {
    super(`${findings.length} box(es) wider than the printed column`);
    this.name = 'PrintOverflow';
  }
}

/**
 * Each finding at its place in the sources: the chapter it is in, at the first line holding its
 * text (a URL, a word, a title in the front matter); at the chapter's start when the text is not
 * found as written (typographic quotes). A box outside any chapter (the contents, the survey
 * appendix) is looked for in every chapter and data file.
 */
export async function overflowDiagnostics(findings: readonly OverflowFinding[], book: BookConfig): Promise<Diagnostic[]> {
  const chapterPaths = new Map(book.chapters.map((name) => [chapterIdOf(name), `manuscript/${name}`]));
  const texts = new Map<string, string | undefined>();
  const read = async (path: string) => {
    if (!texts.has(path)) texts.set(path, await readProjectFile(book.root, path, 'utf8').catch(() => undefined));
    return texts.get(path);
  };
  const dataFiles = await readdir(join(book.root, 'charts', 'data')).catch(() => [] as string[]);
  const everywhere = [...chapterPaths.values(), ...dataFiles.filter((f) => f.endsWith('.yaml')).sort().map((f) => `charts/data/${f}`)];
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const own = chapterPaths.get(f.section);
    let place = { file: own ?? book.configPath, line: 1, column: 1 };
    for (const path of own ? [own] : everywhere) {
      const at = findToken(await read(path), f.token);
      if (at) {
        place = { file: path, ...at };
        break;
      }
    }
    const where = own ? '' : ` (in ${f.section === 'contents' ? 'the contents' : f.section ? `"${f.section}"` : 'the front of the book'})`;
    diagnostics.push({
      ...place, severity: 'error', ruleId: 'print-overflow',
      message: `${f.what} is ${f.mm} mm wider than the printed column${where}: the print would cut it off, or shrink every page to fit it`,
      hint: 'give it a place to break (a space, a shorter link text), or make it narrower',
    });
  }
  return diagnostics;
}

/** Line and column of the first occurrence of `token` (or of its core, without quotes and punctuation around it). */
function findToken(text: string | undefined, token: string): { line: number; column: number } | undefined {
  if (!text || !token) return undefined;
  const core = token.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
  for (const needle of [token, core, core.slice(0, 24)]) {
    if (needle.length < 4) continue;
    const at = text.indexOf(needle);
    if (at < 0) continue;
    const before = text.slice(0, at).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  }
  return undefined;
}
