import type { Element, ElementContent, Root } from 'hast';
import type { Element as XastElement, ElementContent as XastContent } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { derivedIds, isPageId } from './page-ids.js';
import { inlineSvgIds, parseInlineSvg } from '../chapters/inline-svg-ids.js';

/** Properties of hast elements that hold id references (besides `href="#…"`). */
const ID_LISTS = ['ariaLabelledBy', 'ariaDescribedBy', 'ariaControls', 'ariaOwns', 'htmlFor', 'headers', 'dataRecto'] as const;

/** The raw nodes the build inlines (charts' and figures' SVG): ids inside them count too. */
interface Raw { type: 'raw'; value: string }

interface Occurrence {
  readonly section: number;
  /** Document order within the book. */
  readonly order: number;
  /** Claimed first: 0 for the ids the contents and other sections link to, 1 for a section's own, 2 for the rest. */
  readonly priority: 0 | 1 | 2;
  readonly id: string;
  readonly node?: Element;
  readonly raw?: Raw;
  final?: string;
}

/** Renamed ids per section id: the old id → the new one, for the contents and the figure list. */
export type IdRenames = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * One allocator for the ids of the whole book (issue 21, class 1). Every edition's document is a
 * part of the book (a chapter's page, an ePub file) or all of it ("read all", the print), plus its
 * own furniture (page-ids.ts): ids unique in the book, clear of the furniture's and of the ids the
 * editions derive, are unique in every document, by construction. Ids are compared without case
 * (`Intro` and `intro` are one fragment for some reading systems).
 *
 * The ids the contents and other sections link to (a section's title, charts, the survey
 * appendix's questions) are claimed first, then the sections' own, then the rest in reading order. A later id that is
 * taken is renamed `<section>--<id>` (`-2`, `-3`… if that is taken too), with the links and
 * references to it in its own section, where ids are unique already (rehype-chapter-ids.ts), so
 * a reference is never ambiguous. Ids inside the inline SVG are renamed inside it with their
 * references (a second chart's gradient no longer paints the first's colours).
 */
export function uniqueBookIds(sections: ReadonlyArray<{ id: string; element: Element }>): IdRenames {
  const occurrences = collect(sections);
  // Each claimed id (without case) and who holds it. Level by level (the linked-to ids first), the
  // ids an element's editions derive from it are its own before any id of that level is given.
  const taken = new Map<string, Occurrence>();
  const freeFor = (id: string, o: Occurrence) => !isPageId(id) && (taken.get(id.toLowerCase()) ?? o) === o;
  for (const priority of [0, 1, 2] as const) {
    const level = occurrences.filter((o) => o.priority === priority);
    for (const o of level) {
      if (o.node) for (const d of derivedIds(o.node, o.id)) if (!taken.has(d.toLowerCase())) taken.set(d.toLowerCase(), o);
    }
    for (const o of level) {
      const fits = (id: string) => freeFor(id, o) && (o.node ? derivedIds(o.node, id) : []).every((d) => freeFor(d, o));
      let id = o.id;
      if (!fits(id)) {
        const base = `${sections[o.section]!.id}--${o.id}`;
        id = base;
        for (let n = 2; !fits(id); n++) id = `${base}-${n}`;
      }
      o.final = id;
      taken.set(id.toLowerCase(), o);
      if (o.node) for (const d of derivedIds(o.node, id)) taken.set(d.toLowerCase(), o);
    }
  }

  const renames = new Map<string, Map<string, string>>();
  sections.forEach((section, index) => {
    const mine = occurrences.filter((o) => o.section === index);
    // A reference to an id means its first holder in the section (the later ones were renamed apart).
    const first = new Map<string, string>();
    for (const o of mine) if (!first.has(o.id)) first.set(o.id, o.final!);
    const map = new Map([...first].filter(([from, to]) => from !== to));
    for (const o of mine) if (o.node) o.node.properties.id = o.final!;
    renameInRaws(mine);
    if (map.size === 0) return;
    renameReferences(section.element, map);
    renames.set(section.id, map);
  });
  return renames;
}

function collect(sections: ReadonlyArray<{ id: string; element: Element }>): Occurrence[] {
  const found: Occurrence[] = [];
  sections.forEach(({ id: sectionId, element }, section) => {
    const title = `${sectionId}--title`;
    const walk = (node: Element | Root) => {
      if (node.type === 'element' && typeof node.properties.id === 'string' && node.properties.id !== '') {
        const id = node.properties.id;
        const classes = (node.properties.className as string[] | undefined) ?? [];
        const linkedFromElsewhere = id === title || (node.tagName === 'figure' && classes.includes('chart')) || classes.includes('survey-question');
        found.push({ section, order: found.length, priority: linkedFromElsewhere ? 0 : node === element ? 1 : 2, id, node });
      }
      for (const child of node.children as Array<ElementContent | Raw>) {
        if (child.type === 'element') walk(child);
        else if (child.type === 'raw') for (const id of inlineSvgIds(child.value)) found.push({ section, order: found.length, priority: 2, id, raw: child });
      }
    };
    walk(element);
  });
  return found;
}

function renameReferences(tree: Element, map: ReadonlyMap<string, string>): void {
  const walk = (node: Element) => {
    const p = node.properties as Record<string, unknown>;
    if (typeof p.href === 'string' && p.href.startsWith('#') && map.has(p.href.slice(1))) p.href = `#${map.get(p.href.slice(1))}`;
    for (const key of ID_LISTS) {
      const value: unknown = p[key];
      if (Array.isArray(value)) p[key] = value.map((v) => map.get(String(v)) ?? v);
      else if (typeof value === 'string') p[key] = value.split(/\s+/).map((v) => map.get(v) ?? v).join(' ');
    }
    for (const child of node.children) if (child.type === 'element') walk(child);
  };
  walk(tree);
}

/** Renames, inside each inline SVG, the ids the allocator moved, with the references to them there. */
function renameInRaws(occurrences: readonly Occurrence[]): void {
  const byRaw = new Map<Raw, Map<string, string>>();
  for (const o of occurrences) {
    if (!o.raw || o.final === o.id) continue;
    const map = byRaw.get(o.raw) ?? new Map<string, string>();
    if (!map.has(o.id)) map.set(o.id, o.final!);
    byRaw.set(o.raw, map);
  }
  for (const [raw, map] of byRaw) {
    const wrapper = parseInlineSvg(raw.value).children.find((c): c is XastElement => c.type === 'element')!;
    const walk = (node: XastContent) => {
      if (node.type !== 'element') return;
      for (const [key, value] of Object.entries(node.attributes)) {
        if (typeof value !== 'string') continue;
        if (key === 'id') node.attributes[key] = map.get(value) ?? value;
        else if ((key === 'href' || key === 'xlink:href') && value.startsWith('#')) node.attributes[key] = `#${map.get(value.slice(1)) ?? value.slice(1)}`;
        else if (key === 'aria-labelledby' || key === 'aria-describedby') node.attributes[key] = value.split(/\s+/).map((v) => map.get(v) ?? v).join(' ');
        else if (value.includes('url(')) node.attributes[key] = renameUrls(value, map);
      }
      node.children.forEach(walk);
    };
    wrapper.children.forEach(walk);
    raw.value = wrapper.children.map((c) => toXml(c)).join('');
  }
}

/** `fill="url(#g)"`, `style="clip-path: url('#c')"`: each reference to a renamed id follows it. */
function renameUrls(value: string, map: ReadonlyMap<string, string>): string {
  let out = value;
  for (const [from, to] of map) {
    for (const quote of ['', '"', "'"]) out = out.replaceAll(`url(${quote}#${from}${quote})`, `url(${quote}#${to}${quote})`);
  }
  return out;
}
