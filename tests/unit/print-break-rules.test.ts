import { describe, expect, it } from 'vitest';
import { PDFContext, PDFDict } from 'pdf-lib';
import { commentaryPieces, commentarySplitFindings, type CommentaryPiece } from '../../scripts/print/split-commentaries.js';
import { headingRunt, headingRunts } from '../../scripts/print/heading-runts.js';
import { justifiedNarrow } from '../../scripts/print/justified-narrow.js';
import { formatBreakCounts } from '../../scripts/print/preflight-breaks.js';
import type { MarkedExtent } from '../../scripts/print/page-geometry.js';
import type { StructElement, StructTree } from '../../scripts/print/struct-tree.js';

/** A page's text area, in points (A4 less 24 mm and 26 mm). */
const AREA = 841.89 - (50 * 72) / 25.4;
const piece = (page: number, lines: number, signature = false, height = lines * 16.5): CommentaryPiece => ({ page, lines, signature, height });

describe('split commentaries (issue 23), on page models', () => {
  it('pass a commentary on one page, and one taller than a page split with two lines or more on each side', () => {
    expect(commentarySplitFindings([piece(3, 20, true)], AREA)).toEqual([]);
    expect(commentarySplitFindings([piece(3, 12), piece(4, 40), piece(5, 2, true)], AREA)).toEqual([]);
  });

  it('report a commentary split across two pages that fits on one', () => {
    const findings = commentarySplitFindings([piece(7, 6), piece(8, 10, true)], AREA);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ page: 7, kind: 'split-commentary' });
    expect(findings[0]!.reason).toBeUndefined();
    expect(findings[0]!.message).toMatch(/fits on one page \(\d+ mm\) breaks across 2 pages/);
  });

  it('report one line left at the foot of a page, one line carried over, and the signature alone', () => {
    const foot = commentarySplitFindings([piece(7, 1), piece(8, 44), piece(9, 20, true)], AREA);
    expect(foot.map((f) => [f.page, f.message])).toEqual([[7, 'an expert commentary breaks after one line of its text at the foot of the page']]);
    const top = commentarySplitFindings([piece(7, 30), piece(8, 20), piece(9, 1, true)], AREA);
    expect(top.map((f) => [f.page, f.message])).toEqual([[9, 'an expert commentary goes on with only one line of its text at the top of the page']]);
    const alone = commentarySplitFindings([piece(7, 30), piece(8, 20), piece(9, 0, true)], AREA);
    expect(alone.map((f) => [f.page, f.message])).toEqual([[9, 'the signature of an expert commentary stands alone at the top of the page']]);
  });

  it('are read from the structure tree and geometry: the label and the signature are not lines of text', () => {
    const dict = PDFDict.withContext(PDFContext.create());
    const element = (type: string, content: Array<[number, number]>, children: StructElement[] = []): StructElement => ({ dict, type, children, content });
    // An Aside: its label (P), two paragraphs (the second broken across pages 1 and 2), its byline.
    const aside = element('Aside', [], [element('P', [[0, 1]]), element('P', [[0, 2]]), element('P', [[0, 3], [1, 1]]), element('NonStruct', [], [element('NonStruct', [[1, 2]])])]);
    const extent = (mcid: number, baselines: number[]): MarkedExtent => ({ mcid, artifact: false, top: Math.max(...baselines) + 9, bottom: Math.min(...baselines) - 3, baselines: new Set(baselines) });
    const geometry = [
      [extent(1, [700]), extent(2, [680, 664, 648]), extent(3, [620, 604])],
      [extent(1, [760, 744, 728]), extent(2, [700])],
    ];
    const tree: StructTree = { roots: [element('Document', [], [aside])], owners: [] };
    expect(commentaryPieces(geometry, tree)).toEqual([[
      { page: 1, lines: 5, signature: false, height: 709 - 601 },
      { page: 2, lines: 3, signature: true, height: 769 - 697 },
    ]]);
  });
});

describe('heading runts (issue 23), on measured lines', () => {
  const lines = (...texts: Array<[string, number]>) => texts.map(([text, width]) => ({ text, width }));

  it('are a last line of one word shorter than four letters, or of one word much narrower than the line above', () => {
    expect(headingRunt(lines(['The (very) difficult transition from Python 2 to Python', 380], ['3', 9]))).toMatch(/one short word \("3"\)/);
    expect(headingRunt(lines(['Developers place a strong focus on maintaining their proficiency in web and software development, ML, and', 400], ['AI', 14]))).toMatch(/"AI"/);
    expect(headingRunt(lines(['Python is closely associated with web development and the', 400], ['frameworks', 90]))).toMatch(/23% of the line above/);
  });

  it('are not a balanced heading, a one-line heading, or a last line of several words', () => {
    expect(headingRunt(lines(['The (very) difficult transition', 220], ['from Python 2 to Python 3', 190]))).toBeUndefined();
    expect(headingRunt(lines(['Python now', 80]))).toBeUndefined();
    expect(headingRunt(lines(['Who answered the survey and how many of them', 300], ['in total', 50]))).toBeUndefined();
    expect(headingRunt(lines(['What developers expect of', 200], ['Python', 70]))).toBeUndefined();
  });

  it('are reported on the page of the nearest id that has one', () => {
    const measured = [
      { ids: ['h-runt', 'essay'], lines: lines(['From Python 2 to Python', 300], ['3', 9]) },
      { ids: ['unplaced', 'essay'], lines: lines(['Also from Python 2 to Python', 300], ['3', 9]) },
      { ids: ['h-fine'], lines: lines(['A heading', 80]) },
    ];
    const findings = headingRunts(measured, new Map([['h-runt', 9], ['essay', 8], ['h-fine', 9]]));
    expect(findings.map((f) => [f.page, f.kind])).toEqual([[9, 'heading-runt'], [8, 'heading-runt']]);
    expect(findings[0]!.message).toContain('"From Python 2 to Python / 3"');
    expect(formatBreakCounts(findings)).toContain('heading-runt: 2');
  });
});

describe('justified narrow blocks (issue 23), on measured widths', () => {
  const column = 536.7;
  it('are justified blocks of two lines or more narrower than 60% of the column; a paragraph of the column or of a commentary, or a name on one line, is not', () => {
    const blocks = [
      { ids: ['print-block-about-12', 'about'], what: 'ul > li "professionals on board"', lines: 2, width: 120, column },
      { ids: ['print-block-about-3', 'about'], what: 'p "Launched in 2005"', lines: 3, width: column, column },
      { ids: ['print-block-about-4', 'about'], what: 'aside.commentary > p "Years ago"', lines: 5, width: column - 48, column },
      { ids: ['about'], what: 'li.author > span.author-name "Łukasz Testowy"', lines: 1, width: 120, column },
    ];
    const findings = justifiedNarrow(blocks, new Map([['print-block-about-12', 116], ['about', 115]]));
    expect(findings.map((f) => [f.page, f.kind, f.reason])).toEqual([[116, 'justified-narrow', undefined]]);
    expect(findings[0]!.message).toContain('22% of the column wide');
    expect(findings[0]!.message).toContain('professionals on board');
  });
});
