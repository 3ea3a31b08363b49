/**
 * Footnotes at the foot of their page (issue 23), as `float: footnote` sets them in Prince,
 * WeasyPrint and Vivliostyle. Chromium has no footnote floats, so the print places them
 * itself, a page at a time, from the passes' named destinations:
 * - before the first pass the notes leave the flow (the web's "Notes" heading and "↩" links
 *   dropped), each note's height is measured at the column's width, and every word and block
 *   after each reference gets an id and a hidden link (so a destination: its page and top);
 * - after a pass, the next reference's page is known, and the last line (or block) start on
 *   it that leaves room enough under it for the page's notes is where they go: before that
 *   word, as an inline-block of the column's width (a line of its own, the paragraph's other
 *   lines unchanged), or before that block, then a page break; the space left under them is
 *   added above them, so they end at the text area's foot and what followed starts the next page;
 * - the pass after checks it (the notes' end marker on the reference's page, at its foot):
 *   a break Chromium did not keep (orphans, widows, a figure kept with its text) sends the
 *   notes back to try the place before, a gap left under them pushes them down once; then it
 *   places the next page's notes, whose places that pass gave (footnote-places.ts decides).
 * A note that cannot be on its reference's page keeps the place it got, with a
 * `footnote-away` finding and its reason. The functions here run in the print page.
 */
export const FOOTNOTE_WORD_PREFIX = 'print-word-';
export const FOOTNOTE_WORD_CLASS = 'print-word';
export const FOOTNOTE_GROUP_PREFIX = 'print-footnotes-';
export const FOOTNOTES_CLASS = 'print-footnotes';
/** The hidden element the notes wait in until they are placed. */
export const FOOTNOTE_HOLDER = `${FOOTNOTE_GROUP_PREFIX}holder`;
/** The marker at the end of the unit's content: notes may go there, after the last block. */
export const FOOTNOTE_CONTENT_END = `${FOOTNOTE_GROUP_PREFIX}content-end`;
/** How many words after a reference are marked: more than an A4 page holds. */
export const WORDS_AFTER = 900;

/** Where notes can go after a reference: before a word that starts a line, a block, or at the content's end. `first` is a paragraph's first word (never a place). */
export type PlaceKind = 'word' | 'first' | 'block' | 'end';

/** A footnote reference, its note and what follows it in document order. */
export interface FootnoteRef {
  readonly ref: string;
  readonly note: string;
  readonly after: ReadonlyArray<readonly [string, PlaceKind]>;
}

/** What prepareFootnotes gives: the references in order, and each note's height in CSS px as a group of one. */
export interface PreparedFootnotes {
  readonly refs: FootnoteRef[];
  readonly heights: Record<string, number>;
}

/**
 * Runs inside the print page (self-contained), after the page blocks have their ids: takes each
 * chapter's notes out of its footnotes section (dropping the section, its heading and the
 * back-references) into a hidden holder, each a `div.print-footnote` led by its reference's mark;
 * measures each at the printed column's width (the caller sets it: column-width.ts); gives every word after each reference an id and
 * a hidden link; marks the content's end.
 */
export function prepareFootnotes(args: { wordPrefix: string; wordClass: string; words: number; blockTags: string[]; groupClass: string; endId: string; holderId: string }): PreparedFootnotes {
  const refs = [...document.querySelectorAll<HTMLAnchorElement>('a[data-footnote-ref]')];
  const sections = [...document.querySelectorAll('section[data-footnotes]')];
  if (refs.length === 0) return { refs: [], heights: {} };
  const holder = document.createElement('div');
  holder.hidden = true;
  holder.id = args.holderId;
  const list = document.createElement('div');
  list.hidden = true;
  list.setAttribute('aria-hidden', 'true');
  const markOf = new Map(refs.map((a) => [decodeURIComponent(a.hash.slice(1)), a.textContent ?? '']));
  for (const section of sections) {
    for (const back of section.querySelectorAll('a[data-footnote-backref]')) {
      const before = back.previousSibling;
      if (before?.nodeType === Node.TEXT_NODE) before.textContent = (before.textContent ?? '').replace(/\s+$/, '');
      back.remove();
    }
    for (const li of section.querySelectorAll('li')) {
      const note = document.createElement('div');
      note.className = 'print-footnote';
      note.id = li.id;
      li.removeAttribute('id');
      note.append(...li.childNodes);
      const first = note.querySelector('p') ?? note;
      const mark = document.createElement('sup');
      mark.className = 'print-footnote-mark';
      mark.textContent = markOf.get(note.id) ?? '';
      first.prepend(mark, ' ');
      // Set ragged and unhyphenated: the soft hyphens kept where the notes' section broke its lines would travel into the PDF's text.
      const texts = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) t.textContent = (t.textContent ?? '').replace(/\u00ad/g, '');
      holder.append(note);
    }
    section.remove();
  }
  // A chart's caption that repeats a note word for word ("* This question was asked…") leaves it to the note: printed once.
  const bare = [...holder.children].map((n) => (n.textContent ?? '').replace(/\u00ad/g, '').replace(/^\s*\S+\s+/, '').replace(/\s+/g, ' ').trim());
  for (const note of document.querySelectorAll('figcaption .chart-note')) {
    const text = (note.textContent ?? '').replace(/\u00ad/g, '').replace(/^\s*\*\s*/, '').replace(/\s+/g, ' ').trim();
    if (bare.includes(text)) note.remove();
  }
  const container = document.querySelector('main') ?? document.body;
  const end = document.createElement('div');
  end.id = args.endId;
  end.setAttribute('aria-hidden', 'true');
  // Inside the last section: after it, a page break it asks for would put the marker on a page of its own.
  (container.lastElementChild ?? container).append(end);
  document.body.append(holder, list);
  const endLink = document.createElement('a');
  endLink.href = `#${end.id}`;
  list.append(endLink);

  // Each note's height as a group of one, at the printed column's width (as drop-unused-hyphens measures).
  const heights: Record<string, number> = {};
  const probe = document.createElement('div');
  probe.className = args.groupClass;
  container.append(probe);
  for (const note of [...holder.children]) {
    probe.append(note);
    heights[note.id] = probe.getBoundingClientRect().height;
    holder.append(note);
  }
  probe.remove();

  const blockTags = new Set(args.blockTags.map((t) => t.toUpperCase()));
  let counter = 0;
  const found: FootnoteRef[] = [];
  for (const ref of refs) {
    ref.removeAttribute('aria-describedby');
    const link = document.createElement('a');
    link.href = `#${encodeURIComponent(ref.id)}`;
    list.append(link);
    const nodes: Node[] = [];
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    walker.currentNode = ref;
    let words = 0;
    for (let n = walker.nextNode(); n && words < args.words; n = walker.nextNode()) {
      if (ref.contains(n) || n === end) continue;
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as HTMLElement;
        if (el.classList.contains(args.wordClass)) { nodes.push(el); words++; continue; }
        if (!blockTags.has(el.tagName) || !el.id || el.closest('[hidden]') !== null) continue;
        // Notes go before a block only where it can take a block beside it: out of the containers it opens, not into a list or a box.
        let at: Element = el;
        while (at.parentElement && at.previousElementSibling === null && !/^(SECTION|MAIN|BODY|ARTICLE)$/.test(at.parentElement.tagName)) at = at.parentElement;
        if (at.parentElement && /^(SECTION|MAIN|BODY|ARTICLE)$/.test(at.parentElement.tagName)) nodes.push(el);
        continue;
      }
      const parent = n.parentElement;
      // Running text only: notes never go inside a listing, table, figure, box or link.
      if (!parent || parent.classList.contains(args.wordClass) || !parent.closest('p') || parent.closest('pre, table, figure, aside, nav, sup, a, [hidden]')) continue;
      nodes.push(n);
      words += ((n.textContent ?? '').match(/\S+/g) ?? []).length;
    }
    const after: Array<[string, 'word' | 'first' | 'block' | 'end']> = [];
    // A paragraph's first word is no place for notes (they would open it): the reference's own paragraph has had words.
    const started = new Set<Element>([ref.closest('p') ?? ref]);
    for (const n of nodes) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as HTMLElement;
        const p = el.closest('p');
        if (el.classList.contains(args.wordClass)) {
          after.push([el.id, p && !started.has(p) ? 'first' : 'word']);
          if (p) started.add(p);
        } else after.push([el.id, 'block']);
        continue;
      }
      const parts = (n.textContent ?? '').split(/(\S+)/);
      if (parts.length === 1) continue;
      const p = n.parentElement!.closest('p')!;
      const fragment = document.createDocumentFragment();
      for (const part of parts) {
        if (!/\S/.test(part)) { if (part) fragment.append(part); continue; }
        const span = document.createElement('span');
        span.className = args.wordClass;
        span.id = `${args.wordPrefix}${counter++}`;
        span.textContent = part;
        const wordLink = document.createElement('a');
        wordLink.href = `#${span.id}`;
        list.append(wordLink);
        fragment.append(span);
        after.push([span.id, started.has(p) ? 'word' : 'first']);
        started.add(p);
      }
      n.parentNode!.replaceChild(fragment, n);
    }
    after.push([end.id, 'end']);
    found.push({ ref: ref.id, note: decodeURIComponent(ref.hash.slice(1)), after });
  }
  return { refs: found, heights };
}

/** One page's notes, put in before `before` with `padPx` more space above them. */
export interface FootnotePlacement {
  readonly id: string;
  readonly notes: string[];
  readonly before: string;
  readonly kind: 'word' | 'block' | 'end';
  readonly padPx: number;
}

/**
 * Runs inside the print page (self-contained): puts the notes (from the holder) into a
 * `div.print-footnotes` before their word (an inline-block of the column's width), or their
 * block (climbing out of the containers the block opens, so a list or a box is not entered;
 * a page break after), or at the content's end; `padPx` more space above them. Their end gets
 * an empty marker with a hidden link: its destination is where they end.
 */
export function placeFootnotes(args: { placements: FootnotePlacement[]; className: string }): void {
  const list = document.createElement('div');
  list.hidden = true;
  list.setAttribute('aria-hidden', 'true');
  document.body.append(list);
  for (const g of args.placements) {
    const group = document.createElement('div');
    group.className = args.className;
    group.id = g.id;
    for (const id of g.notes) {
      const note = document.getElementById(id);
      if (note) group.append(note);
    }
    const end = document.createElement('div');
    end.className = `${args.className}-end`;
    end.id = `${g.id}-end`;
    end.setAttribute('aria-hidden', 'true');
    group.append(end);
    const link = document.createElement('a');
    link.href = `#${end.id}`;
    list.append(link);
    let at = document.getElementById(g.before);
    if (!at) continue;
    if (g.kind === 'word') {
      group.classList.add(`${args.className}-inline`);
      at.before(group, ' ');
    } else if (g.kind === 'end') {
      at.before(group);
    } else {
      while (at.parentElement && at.previousElementSibling === null && !/^(SECTION|MAIN|BODY|ARTICLE)$/.test(at.parentElement.tagName)) at = at.parentElement;
      group.style.breakAfter = 'page';
      at.before(group);
    }
    group.style.paddingTop = `${parseFloat(getComputedStyle(group).paddingTop) + g.padPx}px`;
  }
}

/** Runs inside the print page (self-contained): more space above a group of notes. */
export function pushFootnotesDown(args: { id: string; px: number }): void {
  const group = document.getElementById(args.id);
  if (group) group.style.paddingTop = `${parseFloat(getComputedStyle(group).paddingTop) + args.px}px`;
}

/**
 * Runs inside the print page (self-contained), as the last page's notes are placed: the words'
 * spans and links go (Chromium would tag each span), the text is as it was; but for the few
 * `keep`, the places still to try for those notes.
 */
export function unmarkWords(args: { wordClass: string; wordPrefix: string; keep: string[] }): void {
  const keep = new Set(args.keep);
  for (const link of document.querySelectorAll(`a[href^="#${args.wordPrefix}"]`)) if (!keep.has(link.getAttribute('href')!.slice(1))) link.remove();
  const parents = new Set<Node>();
  for (const word of document.querySelectorAll(`.${args.wordClass}`)) {
    if (keep.has(word.id)) continue;
    if (word.parentNode) parents.add(word.parentNode);
    word.replaceWith(...word.childNodes);
  }
  for (const parent of parents) parent.normalize();
}

/**
 * Runs inside the print page (self-contained): takes a group's notes back to the holder and
 * the group out, for another try at an earlier place.
 */
export function unplaceFootnotes(args: { id: string; holderId: string }): void {
  const group = document.getElementById(args.id);
  const holder = document.getElementById(args.holderId);
  if (!group || !holder) return;
  for (const note of [...group.querySelectorAll(':scope > .print-footnote')]) holder.append(note);
  const after = group.nextSibling;
  if (group.classList.contains('print-footnotes-inline') && after?.nodeType === Node.TEXT_NODE && after.textContent === ' ') after.remove();
  group.remove();
}
