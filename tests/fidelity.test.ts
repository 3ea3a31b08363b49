/**
 * Fidelity of the whole report to its seed: every prose paragraph of the seed text
 * (`../shared/seed/python-tech-radar.txt`), once the known extraction artifacts are dropped
 * and the editorial corrections of manuscript/ERRATA.md are applied, must occur word for word
 * in the text of the built web edition (dist/web/index.html).
 *
 * Nothing here lists the expected paragraphs: they are read from the seed. The rules that
 * drop artifacts are data (RANGES, BLOCK_RULES below), each with the reason from the seed's
 * outline.md §7; names, roles and chart titles are taken from the manuscript and the survey
 * data files, not typed in.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type Correction, readCorrections } from './helpers/errata.js';
import { findFirst, hasClass, normaliseText, parseHtml, textOf } from './helpers/report-text.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED_DIR = resolve(ROOT, '../shared/seed');
const SEED_FILE = join(SEED_DIR, 'python-tech-radar.txt');
const MANUSCRIPT = join(ROOT, 'manuscript');
const CHART_DATA = join(ROOT, 'charts', 'data');

// ---------------------------------------------------------------------------------------------
// Which seed lines are the report's content (outline.md §1, §4). Everything else is cover,
// contents or logo text: L1–L7 cover ("STXNEXT" logo, title), L45–L99 the table of contents
// (titles, then the detached column of page numbers), L2489–L2501 the back-cover logos
// ("STXNEXT", "REVSYS", "Python >>> Academy", "Training & Consulting").
// ---------------------------------------------------------------------------------------------
interface Range {
  readonly from: number;
  readonly to: number;
  readonly what: string;
  /** `stats`: the infographic is printed one word per line; each figure is joined with its label. */
  readonly join?: 'stats';
}
const RANGES: readonly Range[] = [
  { from: 9, to: 43, what: 'Acknowledgements' },
  { from: 103, to: 2442, what: 'Part I, Part II and About STX Next' },
  { from: 2444, to: 2488, what: 'About STX Next: stats infographic', join: 'stats' },
];

// ---------------------------------------------------------------------------------------------
// Reading the seed: blocks between blank lines. Fenced code is one block (blank lines inside
// a listing do not split it). A line holding only spaces counts as blank (outline §7.6: 47
// one-space lines are layout leftovers, one of them inside a listing).
// ---------------------------------------------------------------------------------------------
interface Block {
  readonly line: number;
  readonly lines: readonly string[];
  readonly code: boolean;
}

function seedBlocks(lines: readonly string[], range: Range): Block[] {
  const blocks: Block[] = [];
  let cur: { line: number; lines: string[]; code: boolean } | undefined;
  let inFence = false;
  const flush = () => {
    if (cur && cur.lines.length > 0) blocks.push(cur);
    cur = undefined;
  };
  for (let n = range.from; n <= range.to; n++) {
    const text = lines[n - 1] ?? '';
    if (/^```/.test(text)) {
      if (!inFence) {
        flush();
        cur = { line: n + 1, lines: [], code: true };
      } else flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      cur!.lines.push(text);
      continue;
    }
    if (text.trim() === '') {
      flush();
      continue;
    }
    if (!cur) cur = { line: n, lines: [], code: false };
    cur.lines.push(text);
  }
  flush();
  if (range.join === 'stats') return joinStats(blocks);
  return blocks;
}

/** "550+" then "professionals / on board": one paragraph "550+ professionals on board". */
function joinStats(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1];
    if (/^[\d.]+\+?$/.test(b.lines.join(' ').trim()) && next) {
      out.push({ line: b.line, lines: [...b.lines, ...next.lines], code: false });
      i++;
    } else out.push(b);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names and roles of authors and experts, from the manuscript (chapter front matter `authors`
// and `:::commentary{name role}`), to recognise their byline lines in the seed.
// ---------------------------------------------------------------------------------------------
function bylineTexts(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(MANUSCRIPT).filter((x) => /^\d\d-.*\.md$/.test(x))) {
    const src = readFileSync(join(MANUSCRIPT, f), 'utf8');
    const fm = /^---\n([\s\S]*?)\n---/.exec(src);
    const meta = fm ? (parseYaml(fm[1]!) as { authors?: Array<{ name: string; role?: string }> }) : {};
    const people: Array<{ name: string; role?: string }> = [...(meta.authors ?? [])];
    for (const m of src.matchAll(/^:::commentary\{([^}]*)\}/gm)) {
      const attr = (k: string) => new RegExp(`${k}="([^"]*)"`).exec(m[1]!)?.[1];
      people.push({ name: attr('name') ?? '', role: attr('role') });
    }
    for (const p of people) {
      out.add(normaliseText(p.name));
      if (p.role) {
        out.add(normaliseText(p.role));
        out.add(normaliseText(`${p.name} ${p.role}`)); // name and role on adjacent lines (L1908–9)
      }
    }
  }
  out.delete('');
  return out;
}

/** Chart title lines (by their seed line) and instruction texts, from charts/data/*.yaml. */
function chartCaptions(): { titles: Map<number, string>; instructions: Set<string> } {
  const titles = new Map<number, string>();
  const instructions = new Set<string>();
  for (const f of readdirSync(CHART_DATA).filter((x) => x.endsWith('.yaml') && x !== 'aggregates.yaml')) {
    const q = parseYaml(readFileSync(join(CHART_DATA, f), 'utf8')) as { source?: number; title?: string; instruction?: string | null };
    if (q.source && q.title) titles.set(q.source, normaliseText(q.title));
    if (q.instruction) instructions.add(normaliseText(q.instruction));
  }
  return { titles, instructions };
}

// ---------------------------------------------------------------------------------------------
// Turning a seed block into the words a reader sees.
// ---------------------------------------------------------------------------------------------

/**
 * Markdown markers of the seed that the build turns into formatting: list markers, empty or
 * real links (`[x](#)` → x), bold and italic asterisk pairs, backticks of inline code.
 * Inside inline code nothing is stripped (`1.5**4` is code); an unpaired asterisk is text
 * ("except*" in a link at L784), except the footnote mark that opens the footnote at L2220
 * (outline §7.13).
 */
function stripMarkdown(line: string): string {
  const code: string[] = [];
  return line
    .replace(/^\| /, '') // outline §7.8: "| Introduction", "| What is an MVP?" pipe prefixes
    .replace(/^\s*(?:[-*]|\d+\.)\s+/, '') // list item markers (bulleted and numbered lists)
    .replace(/`([^`]*)`/g, (_, c: string) => `\u0000${code.push(c) - 1}\u0000`) // set inline code aside
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '$1')
    .replace(/^\*(?=\S)|(?<=\S)\*$/g, '') // footnote marks: "*This question…" (L2220), "…Tabnine)?*" (L2216)
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => code[Number(i)]!);
}

function blockText(b: Block): string {
  return normaliseText(b.code ? b.lines.join('\n') : b.lines.map(stripMarkdown).join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Artifacts dropped block by block (outline §7). Headings are kept: they must be in the report
// too, and a running header repeated mid-text (§7.1) is the same string as its heading, so it
// is found where the heading is; the structure test checks that none is glued to prose.
// ---------------------------------------------------------------------------------------------
interface Context {
  readonly blocks: readonly Block[];
  readonly index: number;
  readonly text: string;
  readonly bylines: ReadonlySet<string>;
  readonly charts: ReturnType<typeof chartCaptions>;
}
interface BlockRule {
  readonly id: string;
  readonly why: string;
  readonly drop: (c: Context) => boolean;
}

const isAffiliation = (text: string) => /^@ /.test(text);
/** Blocks between a byline's first line and its "@" line are names and roles. */
function inByline(c: Context): boolean {
  for (let j = c.index; j < c.blocks.length; j++) {
    const t = blockText(c.blocks[j]!);
    if (isAffiliation(t)) return true;
    if (!c.bylines.has(t)) return false;
  }
  return false;
}

const BLOCK_RULES: readonly BlockRule[] = [
  {
    id: 'affiliation',
    why: 'outline §7.11: "@ STX NEXT", "@ PYTHON SOFTWARE FOUNDATION" are layout; the affiliation is front-matter / commentary data',
    drop: (c) => isAffiliation(c.text),
  },
  {
    id: 'byline',
    why: 'outline §7.11: name and role lines of authors and experts, just before their "@" line; rendered from front matter, compared in structure.test.ts',
    drop: (c) => c.bylines.has(c.text) && inByline(c),
  },
  {
    id: 'commentary-label',
    why: 'outline §3: "Expert commentary" is the label of a commentary box, generated by :::commentary',
    drop: (c) => c.text === 'Expert commentary',
  },
  {
    id: 'chart-title',
    why: 'outline §7.10: a chart title is a figure caption, not prose; it comes from the data file whose `source` is this line',
    drop: (c) => c.charts.titles.get(c.blocks[c.index]!.line) === c.text,
  },
  {
    id: 'chart-instruction',
    why: 'outline §7.10: "(select max. 3 answers)" etc. right after a chart title belong to the chart (data file `instruction`)',
    drop: (c) => {
      const prev = c.blocks[c.index - 1];
      return c.charts.instructions.has(c.text) && prev !== undefined && c.charts.titles.has(prev.line);
    },
  },
  {
    id: 'value-list',
    why: 'outline §7.4: chart legends printed as "<div></div> label<TAB>share%" (or tab-separated without the marker); they are chart data',
    drop: (c) => c.blocks[c.index]!.lines.every((l) => /^<div><\/div>/.test(l) || /\t\s*[\d.]+%\s*$/.test(l)),
  },
];

interface Paragraph {
  readonly line: number;
  readonly text: string;
  readonly code: boolean;
}

function seedParagraphs(seed: string, corrections: readonly Correction[]): { paragraphs: Paragraph[]; dropped: Map<string, number> } {
  const lines = seed.split('\n');
  for (const c of corrections) {
    for (const n of c.lines) lines[n - 1] = lines[n - 1]!.split(c.printed).join(c.corrected);
  }
  const bylines = bylineTexts();
  const charts = chartCaptions();
  const dropped = new Map<string, number>();
  const paragraphs: Paragraph[] = [];
  for (const range of RANGES) {
    const blocks = seedBlocks(lines, range);
    blocks.forEach((b, index) => {
      const text = blockText(b);
      const rule = b.code ? undefined : BLOCK_RULES.find((r) => r.drop({ blocks, index, text, bylines, charts }));
      if (rule) dropped.set(rule.id, (dropped.get(rule.id) ?? 0) + 1);
      else if (text !== '') paragraphs.push({ line: b.line, text, code: b.code });
    });
  }
  return { paragraphs, dropped };
}

/**
 * The web edition's reading text: the `main` element without the generated parts that are
 * not manuscript text: the contents (nav.toc), the survey-data appendix, chart pictures
 * (SVG), figure numbers ("Figure 1.") and footnote reference / back-reference marks.
 */
function webText(html: string): string {
  const tree = parseHtml(html);
  const main = findFirst(tree, (el) => el.tagName === 'main');
  if (!main) throw new Error('dist/web/index.html has no <main>');
  return normaliseText(textOf(main, (el) =>
    el.tagName === 'svg'
    || (el.tagName === 'nav' && hasClass(el, 'toc'))
    || hasClass(el, 'survey-appendix')
    || hasClass(el, 'figure-label')
    || (el.tagName === 'a' && ('dataFootnoteRef' in el.properties || 'dataFootnoteBackref' in el.properties))));
}

const seedPresent = existsSync(SEED_FILE);

describe('fidelity of the report to the seed text', () => {
  if (!seedPresent) {
    console.warn(`skipping the fidelity test: the seed text is not there (${SEED_FILE})`);
    it.skip(`seed text is not there (expected ${SEED_FILE}): fidelity not checked`, () => {});
    return;
  }
  const seed = readFileSync(SEED_FILE, 'utf8');
  const corrections = readCorrections(join(MANUSCRIPT, 'ERRATA.md')); // applied to the seed line each row names

  it('every correction in ERRATA.md names text that is printed on its seed line', () => {
    const lines = seed.split('\n');
    expect(corrections.length).toBeGreaterThan(0);
    const bad = corrections.flatMap((c) => c.lines
      .filter((n) => !(lines[n - 1] ?? '').includes(c.printed))
      .map((n) => `L${n}: "${c.printed}" is not on this line`));
    expect(bad, bad.join('\n')).toEqual([]);
    for (const c of corrections) {
      expect(c.corrected, `L${c.lines.join(',')}: no corrected text`).not.toBe('');
      expect(c.why, `L${c.lines.join(',')}: no reason given`).not.toBe('');
    }
    // …and whose corrected text is what the manuscript now has.
    const manuscript = readdirSync(MANUSCRIPT).filter((f) => /^\d\d-.*\.md$/.test(f))
      .map((f) => readFileSync(join(MANUSCRIPT, f), 'utf8')).join('\n');
    const absent = corrections.filter((c) => !manuscript.includes(c.corrected)).map((c) => `L${c.lines.join(',')}: "${c.corrected}"`);
    expect(absent, `corrected text not in manuscript/*.md:\n${absent.join('\n')}`).toEqual([]);
  });

  it('every prose paragraph of the seed occurs in the web edition', () => {
    const dist = inject('reportDist');
    const text = webText(readFileSync(join(dist, 'web', 'all', 'index.html'), 'utf8'));
    const { paragraphs, dropped } = seedParagraphs(seed, corrections);
    const missing = paragraphs.filter((p) => !text.includes(p.text));
    const found = paragraphs.length - missing.length;
    const pct = ((100 * found) / paragraphs.length).toFixed(1);
    console.log(`fidelity: ${found}/${paragraphs.length} paragraphs (${pct}%)`
      + ` [${paragraphs.filter((p) => p.code).length} of them code listings;`
      + ` artifacts dropped: ${[...dropped].map(([k, v]) => `${k} ${v}`).join(', ')}]`);
    expect(paragraphs.length).toBeGreaterThan(500);
    expect(missing.length, `missing from dist/web/index.html:\n${missing.map((p) => `  L${p.line}: ${p.text.slice(0, 300)}`).join('\n')}`).toBe(0);
  });
});
