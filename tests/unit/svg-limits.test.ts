import { describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import { sanitizeSvg } from '../../scripts/figures/sanitize-svg.js';
import { LIMITS } from '../../scripts/config/limits.js';

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
/** One element a line after the root, so that a finding's line says which element it is. */
const svg = (lines: string[]) => [`<svg ${NS}>`, ...lines, '</svg>'].join('\n');

function refusal(text: string): { line: number; column: number; message: string } {
  const { svg: kept, findings } = sanitizeSvg(text, 'fig-x-');
  expect(kept).toBeUndefined();
  expect(findings).toHaveLength(1);
  const [f] = findings;
  expect(f!.severity).toBe('error');
  return { line: f!.line, column: f!.column, message: f!.message };
}

/** Groups `depth` levels deep, around one rectangle. */
const nested = (depth: number) => svg([...Array.from({ length: depth }, () => '<g>'), '<rect/>', ...Array.from({ length: depth }, () => '</g>')]);

/** Levels of groups, each using the one below `fan` times; the figure draws the top one. */
function useLevels(levels: number, fan: number): string {
  const lines = ['<defs>', '<rect id="l0" width="1" height="1"/>'];
  for (let i = 1; i <= levels; i++) lines.push(`<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(fan)}</g>`);
  return svg([...lines, '</defs>', `<use href="#l${levels}"/>`]);
}

describe('the bounds of a figure (config/limits.ts), before any recursive walk', () => {
  it('keeps a drawing at the depth limit, refuses one level more at its line', () => {
    // The root is level 1: LIMITS.svgDepth - 1 groups and the rectangle fill the limit.
    expect(sanitizeSvg(nested(LIMITS.svgDepth - 2), 'fig-x-').findings).toEqual([]);
    expect(refusal(nested(LIMITS.svgDepth - 1)).line).toBe(LIMITS.svgDepth + 1);
    expect(refusal(nested(LIMITS.svgDepth - 1)).message).toBe(`the figure nests its elements more than ${LIMITS.svgDepth} levels deep: the figure is refused`);
  });

  it('refuses 100,000 nested groups (past what the XML parser\'s stack takes) at the first group past the limit', () => {
    const text = `<svg ${NS}>${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</svg>`;
    expect(() => fromXml(text)).toThrow();
    const at = refusal(text);
    expect(at.message).toBe(`the figure nests its elements more than ${LIMITS.svgDepth} levels deep: the figure is refused`);
    expect(at.line).toBe(1);
    expect(at.column).toBe(`<svg ${NS}>`.length + (LIMITS.svgDepth - 1) * 3 + 1);
  });

  it('counts elements: the limit passes, one more is refused at that element', () => {
    const rects = (n: number) => svg(Array.from({ length: n }, () => '<rect/>'));
    expect(sanitizeSvg(rects(LIMITS.svgElements - 1), 'fig-x-').findings).toEqual([]);
    expect(refusal(rects(LIMITS.svgElements))).toEqual({ line: LIMITS.svgElements + 1, column: 1, message: `the figure has more than ${LIMITS.svgElements.toLocaleString('en')} elements: the figure is refused` });
  });

  it('lets uses nest LIMITS.svgUseDepth levels, and refuses one more at the first use that reaches it', () => {
    expect(sanitizeSvg(useLevels(LIMITS.svgUseDepth - 1, 2), 'fig-x-').findings).toEqual([]);
    const at = refusal(useLevels(LIMITS.svgUseDepth, 2));
    // The top <use>, after the groups and </defs>, is the level past the limit: the last line but one.
    expect(at.line).toBe(LIMITS.svgUseDepth + 5);
    expect(at.message).toMatch(/^<use> elements nest more than \d+ levels deep/);
  });

  it('adds up what the uses draw: 40 × 40 × 40 rectangles are refused at the group that passes the bound, 40 × 40 are drawn', () => {
    expect(sanitizeSvg(useLevels(2, 40), 'fig-x-').findings).toEqual([]);
    const at = refusal(useLevels(3, 40));
    expect(at.line).toBe(6);
    expect(at.message).toBe(`its <use> elements make the figure draw more than ${LIMITS.svgDrawnElements.toLocaleString('en')} elements: the figure is refused`);
  });

  it('counts a target used many times once per use, not once (a DAG, not a tree)', () => {
    // 9,000 uses of one rectangle draw 9,000 copies (18,004 elements in all): kept.
    const lines = ['<defs><rect id="r" width="1" height="1"/></defs>', `<g>${'<use href="#r"/>'.repeat(9_000)}</g>`];
    expect(sanitizeSvg(svg(lines), 'fig-x-').findings).toEqual([]);
    const many = ['<defs><rect id="r" width="1" height="1"/></defs>', ...Array.from({ length: 2 }, () => `<g id="x">${'<use href="#r"/>'.repeat(9_000)}</g>`)];
    // The group of 9,000 uses, drawn twice and used three times more: 90,011 elements.
    const fan = [...many, ...Array.from({ length: 3 }, () => '<use href="#x"/>')];
    expect(refusal(svg(fan)).message).toMatch(/draw more than/);
  });

  it('refuses a <use> of its own ancestor, and a cycle through two groups, at the <use> that closes it', () => {
    expect(refusal(svg(['<g id="a">', '<rect/>', '<use href="#a"/>', '</g>']))).toMatchObject({ line: 4, column: 1, message: 'a <use> copies an element that contains it (its uses lead back to it): the figure is refused' });
    expect(refusal(svg(['<g id="a"><use xlink:href="#b"/></g>', '<g id="b">', '<use href="#a"/></g>'])).line).toBe(4);
    // A use of itself.
    expect(refusal(svg(['<use id="u" href="#u"/>'])).line).toBe(2);
  });

  it('keeps uses of missing ids, of later elements and of the first of two elements with one id', () => {
    const text = svg(['<use href="#later"/>', '<use href="#missing"/>', '<rect id="later"/>', '<rect id="later"/>']);
    expect(sanitizeSvg(text, 'fig-x-').findings).toEqual([]);
  });
});

describe('the scan of the markup before parsing', () => {
  it('skips comments, CDATA, declarations, quoted ">" and self-closed elements, and counts lines inside them', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg ${NS}>\n<!-- <g><g><g>\n -->\n<text><![CDATA[<g><g>\n]]></text>\n<rect title="a > <g>"/>\n${'<g>'.repeat(LIMITS.svgDepth)}</svg>`;
    // The root and LIMITS.svgDepth - 1 groups fill the limit: the last group is one too many.
    expect(refusal(text)).toMatchObject({ line: 9, column: (LIMITS.svgDepth - 1) * 3 + 1 });
  });
});

describe('the count before parsing', () => {
  it('refuses a drawing of 200,000 elements at the one past the limit, before the parser reads the rest (which is not even XML)', () => {
    const text = `${svg(Array.from({ length: 200_000 }, () => '<rect width="1" height="1"/>'))}<unclosed`;
    expect(refusal(text)).toMatchObject({ line: LIMITS.svgElements + 1, column: 1, message: `the figure has more than ${LIMITS.svgElements.toLocaleString('en')} elements: the figure is refused` });
  });
});

describe('text that cannot break the XML it is written into', () => {
  it('writes ]]> in text and CDATA with > escaped, and & and < as before', () => {
    const { svg: out, findings } = sanitizeSvg(`<svg ${NS}><title>a ]]&gt; b</title><text>x &amp; &lt;y&gt; <![CDATA[c ]]]]><![CDATA[> d]]></text></svg>`, 'fig-x-');
    expect(findings).toEqual([]);
    expect(out).toContain('<title>a ]]&gt; b</title><text>x &#x26; &#x3C;y&gt; c ]]&gt; d</text>');
    // And it reads back as the same text.
    expect(JSON.stringify(fromXml(out!))).toContain('x & <y> c ]]> d');
  });
});
