/** What the print page measures of one paragraph, in CSS px, for the line breaker. */
export interface MeasuredParagraph {
  /** The measure of each line (the first line's less its indent; the last one repeats). */
  readonly widths: number[];
  /** Its font size (px): how far letters may be spaced is a share of it. */
  readonly fontSize: number;
  /** Its text in order: boxes (`t` their text), spaces, hyphenation points (`w` the hyphen's width) and other break points. */
  readonly pieces: Piece[];
}

export type Piece =
  | { readonly k: 'box'; readonly w: number; readonly t: string }
  | { readonly k: 'space'; readonly w: number }
  | { readonly k: 'hyphen'; readonly w: number }
  /** A break that prints nothing: after a hard hyphen (`hard`), or at a `<wbr>` / zero-width space. */
  | { readonly k: 'break'; readonly w: 0; readonly hard: boolean };

/** The line breaker's settings, read from styles/print.css's custom properties: a designer tunes them there. */
export interface PageSettings {
  readonly [name: string]: string;
}

/** What the print page keeps of each measured paragraph (`window.__typeset`), for setParagraphs: where each piece is. */
export interface KeptParagraph {
  readonly element: HTMLElement;
  /** Each piece's text node and offsets. */
  readonly refs: Array<[Text, number, number]>;
  /** The text nodes whose spaces are the line's glue (not a nowrap run's). */
  readonly spaces: Set<Text>;
}
export type TypesetWindow = { __typeset: KeptParagraph[] };

export interface MeasuredPage {
  readonly paragraphs: MeasuredParagraph[];
  readonly settings: PageSettings;
}

/**
 * Runs inside the print page before printing (self-contained: no imports, no closures).
 *
 * Measures every justified paragraph and list item of the body that holds only text and
 * inline elements, at the printed column's width (the caller sets it: column-width.ts). Each piece's width is measured as it will be
 * printed: the paragraph laid out on one line, without its soft hyphens (a soft hyphen stops a
 * ligature, so "dif\u00adfer\u00adent" is 3 px narrower than "different"), from where each
 * piece of text starts and ends, so kerning and the real width of each space count. Paragraphs
 * that fit on one line are left out. The page keeps where each piece is (`window.__typeset`)
 * for setParagraphs, which applies the chosen breaks. `settings` names the custom properties
 * (on :root) to read back.
 */
export function measureParagraphs(args: { settings: string[] }): MeasuredPage {
  const root = getComputedStyle(document.documentElement);
  const settings: Record<string, string> = {};
  for (const name of args.settings) settings[name] = root.getPropertyValue(name).trim();
  const inline = new Set(['A', 'EM', 'STRONG', 'B', 'I', 'CODE', 'SPAN', 'SUP', 'SUB', 'ABBR', 'SMALL', 'MARK', 'Q', 'CITE', 'KBD', 'S', 'DEL', 'INS', 'TIME', 'DFN', 'VAR', 'SAMP', 'BDI', 'U']);
  const range = document.createRange();
  const hyphens = new Map<string, number>();
  const px = (v: string) => (Number.isFinite(parseFloat(v)) ? parseFloat(v) : 0);
  type Draft = { k: Piece['k']; w: number; t: string; hard: boolean; edge: boolean };
  type Found = { element: HTMLElement; drafts: Draft[]; refs: Array<[Text, number, number]>; spaces: Set<Text>; measure: number; indent: number; fontSize: number };
  const found: Found[] = [];

  // 1. The pieces of each paragraph, in order, with where each is.
  for (const element of document.querySelectorAll<HTMLElement>('main p, main li')) {
    const style = getComputedStyle(element);
    if (style.textAlign !== 'justify') continue;
    const drafts: Draft[] = [];
    const refs: Array<[Text, number, number]> = [];
    const spaces = new Set<Text>();
    let usable = true;
    let afterSpace = true; // leading white space collapses
    const push = (k: Piece['k'], ref: [Text, number, number], w = 0, t = '', hard = false, edge = false) => { drafts.push({ k, w, t, hard, edge }); refs.push(ref); };
    // An inline element's margin, border and padding take room on the line where it starts and where it ends.
    const edge = (s: CSSStyleDeclaration, side: 'Left' | 'Right', ref: [Text, number, number]) => {
      const w = px(s[`margin${side}`]) + px(s[`border${side}Width`]) + px(s[`padding${side}`]);
      if (w > 0) { push('box', ref, w, '', false, true); afterSpace = false; }
    };
    const firstText = (e: Node): Text | undefined => (document.createTreeWalker(e, NodeFilter.SHOW_TEXT).nextNode() as Text | null) ?? undefined;
    const text = (node: Text) => {
      const s = getComputedStyle(node.parentElement!);
      if (s.whiteSpace !== 'normal' && s.whiteSpace !== 'nowrap') { usable = false; return; }
      const key = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily} ${s.letterSpacing}`;
      if (!hyphens.has(key)) {
        // The hyphen Chromium draws may be U+2010 or U+002D: the wider, so a line is never planned too short.
        const probe = (t: string) => {
          const span = document.createElement('span');
          span.textContent = t;
          node.parentElement!.append(span);
          const w = span.getBoundingClientRect().width;
          span.remove();
          return w;
        };
        const x = probe('x');
        hyphens.set(key, Math.max(probe('x-'), probe('x\u2010')) - x);
      }
      const hyphen = hyphens.get(key)!;
      const data = node.data;
      const nowrap = s.whiteSpace === 'nowrap';
      // A nowrap run's spaces are not the line's glue: they keep their width.
      if (!nowrap) spaces.add(node);
      let start = -1;
      const flush = (end: number) => {
        if (start >= 0) push('box', [node, start, end], 0, data.slice(start, end));
        start = -1;
      };
      for (let i = 0; i < data.length; i++) {
        const c = data[i]!;
        const white = c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
        if (white && !nowrap) {
          flush(i);
          const last = refs[refs.length - 1];
          if (afterSpace) { if (last && last[0] === node && last[2] === i) last[2] = i + 1; continue; }
          push('space', [node, i, i + 1]);
          afterSpace = true;
          continue;
        }
        if (c === '\u00ad') { flush(i); push('hyphen', [node, i, i + 1], hyphen); continue; }
        if (c === '\u200b') { flush(i); push('break', [node, i, i + 1]); continue; }
        if (start < 0) start = i;
        afterSpace = false;
        // Chromium breaks after a dash between words ("594—Removing"), as a reader expects.
        if ((c === '\u2014' || c === '\u2013') && !nowrap && /\p{L}|\d/u.test(data[i - 1] ?? '') && /\p{L}/u.test(data[i + 1] ?? '')) {
          flush(i + 1);
          push('break', [node, i + 1, i + 1]);
          continue;
        }
        // A hard hyphen between letters is a break Chromium takes too ("event-loop").
        if ((c === '-' || c === '\u2010') && !nowrap && /\p{L}/u.test(data[i - 1] ?? '') && /\p{L}/u.test(data[i + 1] ?? '')) {
          flush(i + 1);
          push('break', [node, i + 1, i + 1], 0, '', true);
        }
      }
      flush(data.length);
    };
    const walk = (parent: Node) => {
      for (const child of parent.childNodes) {
        if (!usable) return;
        if (child.nodeType === Node.COMMENT_NODE) continue;
        if (child.nodeType === Node.TEXT_NODE) { text(child as Text); continue; }
        if (!(child instanceof HTMLElement)) { usable = false; return; }
        if (child.tagName === 'WBR') {
          const end = refs[refs.length - 1];
          if (end) push('break', [end[0], end[2], end[2]]);
          continue;
        }
        const s = getComputedStyle(child);
        if (!inline.has(child.tagName) || s.display !== 'inline' || s.float !== 'none' || s.position === 'absolute') { usable = false; return; }
        const at = firstText(child);
        if (!at) continue;
        edge(s, 'Left', [at, 0, 0]);
        walk(child);
        const end = refs[refs.length - 1]!;
        edge(s, 'Right', [end[0], end[2], end[2]]);
      }
    };
    walk(element);
    if (!usable) continue;
    while (drafts.length > 0 && drafts[drafts.length - 1]!.k !== 'box') { drafts.pop(); refs.pop(); }
    const box = element.getBoundingClientRect();
    const measure = box.width - px(style.paddingLeft) - px(style.paddingRight) - px(style.borderLeftWidth) - px(style.borderRightWidth);
    found.push({ element, drafts, refs, spaces, measure, indent: px(style.textIndent), fontSize: px(style.fontSize) });
  }

  // 2. Each paragraph on one line, without its soft hyphens: every change first, then every reading (one layout).
  const saved = new Map<Text, string>();
  const shift = new Map<Text, Int32Array>();
  for (const f of found) {
    f.element.dataset.typesetStyle = f.element.getAttribute('style') ?? '';
    f.element.style.whiteSpace = 'nowrap';
    f.element.style.textAlign = 'left';
    for (const [node] of f.refs) {
      if (saved.has(node)) continue;
      const data = node.data;
      saved.set(node, data);
      const map = new Int32Array(data.length + 1);
      let removed = 0;
      for (let i = 0; i <= data.length; i++) { map[i] = i - removed; if (data[i] === '\u00ad') removed++; }
      shift.set(node, map);
      if (removed > 0) node.data = data.replaceAll('\u00ad', '');
    }
  }
  const spans = found.map((f) => f.refs.map(([node, start, end], i) => {
    if (f.drafts[i]!.k !== 'box' || f.drafts[i]!.edge || end <= start) return undefined;
    const map = shift.get(node)!;
    range.setStart(node, map[start]!);
    range.setEnd(node, map[end]!);
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    for (const r of range.getClientRects()) { left = Math.min(left, r.left); right = Math.max(right, r.right); }
    return [left, right] as const;
  }));
  for (const [node, data] of saved) node.data = data;
  for (const f of found) {
    const style = f.element.dataset.typesetStyle!;
    if (style) f.element.setAttribute('style', style);
    else f.element.removeAttribute('style');
    delete f.element.dataset.typesetStyle;
  }

  // 3. The widths: a text box from its ends, a space and a box followed by another from where the next text starts.
  const paragraphs: MeasuredParagraph[] = [];
  const kept: KeptParagraph[] = [];
  for (const [n, f] of found.entries()) {
    const at = spans[n]!;
    const pieces: Piece[] = [];
    let natural = 0;
    for (let i = 0; i < f.drafts.length; i++) {
      const d = f.drafts[i]!;
      let w = d.w;
      if ((d.k === 'box' && !d.edge) || d.k === 'space') {
        // The next text box, and the edges before it (their widths are their own).
        let j = i + 1;
        let edges = 0;
        while (j < f.drafts.length && !(f.drafts[j]!.k === 'box' && at[j])) { if (f.drafts[j]!.edge) edges += f.drafts[j]!.w; j++; }
        const next = at[j];
        if (d.k === 'space') {
          const before = at.slice(0, i).findLast((x) => x !== undefined);
          w = next && before ? next[0] - before[1] - edges : 0;
        } else {
          const own = at[i]!;
          const contiguous = next && f.drafts.slice(i + 1, j).every((x) => x.k !== 'space');
          w = contiguous ? next[0] - own[0] - edges : own[1] - own[0];
        }
      }
      natural += d.k === 'box' || d.k === 'space' ? w : 0;
      pieces.push(d.k === 'box' ? { k: 'box', w, t: d.t } : d.k === 'space' ? { k: 'space', w } : d.k === 'hyphen' ? { k: 'hyphen', w } : { k: 'break', w: 0, hard: d.hard });
    }
    if (natural <= f.measure - f.indent) continue;
    paragraphs.push({ widths: [f.measure - f.indent, f.measure], fontSize: f.fontSize, pieces });
    kept.push({ element: f.element, refs: f.refs, spaces: f.spaces });
  }
  (window as unknown as TypesetWindow).__typeset = kept;
  return { paragraphs, settings };
}
