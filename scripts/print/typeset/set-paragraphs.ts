import type { TypesetWindow } from './measure-paragraphs.js';

/** One paragraph's setting: each line's last piece (the last line ends at the paragraph's end), the px added to (or taken from) each of its spaces, and its letter spacing (px). */
export type ParagraphPlan = ReadonlyArray<readonly [end: number, spacing: number, letter: number]>;

/**
 * Runs inside the print page after measureParagraphs (self-contained: no imports, no closures).
 *
 * Applies the chosen breaks: each line's spaces get the `word-spacing` (and, on a line that
 * would be loose, the `letter-spacing`) that fills its measure (a span per line and text node),
 * and the soft hyphens where no line breaks are removed, so Chromium's own (greedy) breaking
 * finds each line full and breaks exactly where the plan does; `text-align: justify` takes up
 * the safety margin left. Then checks, at the printed column's width, that every line starts
 * and ends where planned. Each paragraph has its settings to try in order (letter spacing turns
 * ligatures off, which can change a word's width); one none of which holds is put back as it
 * was (the browser sets it). Returns, per paragraph, the setting used (-1: put back).
 *
 * A paragraph set before is first put back as it was, so a paragraph can be set again (its
 * page-end hyphen moved): unless something since changed its text nodes (then it keeps its
 * setting, -2). The starts of the lines in `marks` get an empty element with an id and a
 * hidden link (`markPrefix` + paragraph + "-" + line), so the PDF names the page each starts on.
 */
export function setParagraphs(args: { plans: Array<ParagraphPlan[] | null>; marks: Array<number[] | null>; markPrefix: string }): number[] {
  const kept = (window as unknown as TypesetWindow).__typeset;
  type Applied = { index: number; plan: ParagraphPlan; undo: Array<[Text, ChildNode[]]>; lineHeight: number; first: Array<[Text, number]>; last: Array<[Text, number]>; second: Text[] };
  type Done = Map<number, { undo: Array<[Text, ChildNode[]]>; marks: Element[] }>;
  const state = window as unknown as { __typesetApplied?: Done };
  const done: Done = (state.__typesetApplied ??= new Map());
  let links = document.getElementById(`${args.markPrefix}links`);
  if (!links) {
    links = document.createElement('div');
    links.id = `${args.markPrefix}links`;
    links.hidden = true;
    links.setAttribute('aria-hidden', 'true');
    document.body.append(links);
  }
  const restore = (undo: Array<[Text, ChildNode[]]>) => {
    for (const [node, made] of undo) {
      made[0]!.replaceWith(node);
      for (const extra of made.slice(1)) extra.remove();
    }
  };

  const apply = (index: number, plan: ParagraphPlan): Applied => {
    const { element, refs, spaces } = kept[index]!;
    // The line of every piece: a break belongs to the line it ends.
    const starts = new Map<Text, Array<[number, number]>>();
    let line = 0;
    for (let p = 0; p < refs.length; p++) {
      const [node, start] = refs[p]!;
      const list = starts.get(node) ?? [];
      list.push([start, line]);
      starts.set(node, list);
      if (line < plan.length - 1 && p === plan[line]![0]) line++;
    }
    // The soft hyphens a line breaks at stay (Chromium prints their hyphen there); the others go.
    const hyphens = new Map<Text, Set<number>>();
    for (const [end] of plan.slice(0, -1)) {
      const ref = refs[end];
      if (ref) hyphens.set(ref[0], (hyphens.get(ref[0]) ?? new Set()).add(ref[1]));
    }
    const first: Array<[Text, number]> = [];
    // Each line's second word starts a text node of its own, where its mark goes: a mark at the
    // line's very start could fall on the line before (after a hyphen, the line starts mid-word).
    const second: Text[] = [];
    const words = new Map<number, 'none' | 'space' | 'split'>();
    const last: Array<[Text, number]> = [];
    const undo: Array<[Text, ChildNode[]]> = [];
    let previous = 0;
    for (const [node, list] of starts) {
      list.sort((a, b) => a[0] - b[0]);
      const data = node.data;
      // A nowrap run's spaces are not the line's glue.
      const stretchable = spaces.has(node);
      const parts: Array<{ line: number; text: string; marks: number[]; second: boolean }> = [];
      let k = 0;
      for (let i = 0; i < data.length; i++) {
        while (k + 1 < list.length && list[k + 1]![0] <= i) k++;
        const at = list[k]![0] <= i ? list[k]![1] : previous;
        const c = data[i]!;
        if (c === '\u00ad' && !hyphens.get(node)?.has(i)) continue;
        let part = parts[parts.length - 1];
        const white = c === ' ' || c === '\n' || c === '\t';
        const seen = words.get(at) ?? 'none';
        const starts = !white && c !== '\u00ad' && seen === 'space';
        if (white && seen === 'none') words.set(at, 'space');
        if (starts) words.set(at, 'split');
        if (!part || part.line !== at || starts) parts.push((part = { line: at, text: '', marks: [], second: starts }));
        if (!white && c !== '\u00ad') part.marks.push(part.text.length);
        part.text += c;
      }
      previous = list[list.length - 1]![1];
      const made: ChildNode[] = [];
      for (const part of parts) {
        const t = document.createTextNode(part.text);
        const spacing = stretchable && /\s/.test(part.text) ? plan[part.line]![1] : 0;
        const letter = plan[part.line]![2];
        if (Math.abs(spacing) > 0.001 || letter > 0.001) {
          const span = document.createElement('span');
          if (Math.abs(spacing) > 0.001) span.style.wordSpacing = `${spacing.toFixed(3)}px`;
          if (letter > 0.001) span.style.letterSpacing = `${letter.toFixed(3)}px`;
          span.append(t);
          made.push(span);
        } else made.push(t);
        if (part.marks.length > 0) {
          first[part.line] ??= [t, part.marks[0]!];
          if (part.second) second[part.line] = t;
          last[part.line] = [t, part.marks[part.marks.length - 1]!];
        }
      }
      // An empty node stays, as the place to put the original back.
      if (made.length === 0) made.push(document.createTextNode(''));
      node.replaceWith(...made);
      undo.push([node, made]);
    }
    return { index, plan, undo, lineHeight: parseFloat(getComputedStyle(element).lineHeight) || 16, first, last, second };
  };

  const range = document.createRange();
  const middle = (at: [Text, number] | undefined) => {
    if (!at) return Number.NaN;
    range.setStart(at[0], at[1]);
    range.setEnd(at[0], at[1] + 1);
    const r = range.getClientRects()[0];
    return r ? (r.top + r.bottom) / 2 : Number.NaN;
  };
  const holds = (a: Applied) => {
    let ok = a.first.length === a.plan.length;
    let before = Number.NEGATIVE_INFINITY;
    for (let l = 0; ok && l < a.plan.length; l++) {
      const top = middle(a.first[l]);
      const end = middle(a.last[l]);
      ok = Math.abs(top - end) < a.lineHeight / 2 && top - before > a.lineHeight / 2;
      before = end;
    }
    return ok;
  };

  const used = args.plans.map(() => -1);
  // Set before: put back first, if nothing else has touched its nodes.
  for (const [index, plans] of args.plans.entries()) {
    const before = plans ? done.get(index) : undefined;
    if (!before) continue;
    if (!before.undo.every(([, made]) => made.every((n) => n.isConnected))) {
      args.plans[index] = null;
      used[index] = -2;
      continue;
    }
    for (const mark of before.marks) mark.remove();
    restore(before.undo);
    done.delete(index);
    delete kept[index]!.element.dataset.typeset;
  }
  let trying = args.plans.flatMap((plans, index) => (plans && plans.length > 0 ? [index] : []));
  for (let attempt = 0; trying.length > 0; attempt++) {
    // Every paragraph changed first, then every one checked: one layout per round.
    const applied = trying.map((index) => apply(index, args.plans[index]![attempt]!));
    const again: number[] = [];
    for (const a of applied) {
      if (holds(a)) {
        used[a.index] = attempt;
        kept[a.index]!.element.dataset.typeset = '';
        const marks: Element[] = [];
        for (const line of args.marks[a.index] ?? []) {
          const at = a.second[line];
          if (!at) continue;
          const mark = document.createElement('span');
          mark.id = `${args.markPrefix}${a.index}-${line}`;
          at.before(mark);
          const link = document.createElement('a');
          link.href = `#${mark.id}`;
          links.append(link);
          marks.push(mark, link);
        }
        done.set(a.index, { undo: a.undo, marks });
        continue;
      }
      restore(a.undo);
      if (attempt + 1 < args.plans[a.index]!.length) again.push(a.index);
    }
    trying = again;
  }
  return used;
}
