import { posix } from 'node:path';
import type { AssembledBook } from '../assemble/assemble-book.js';
import type { ContentsEntry } from '../assemble/contents-model.js';
import { WEB_NAMES } from '../chapters/edition-names.js';

export type BookSection = AssembledBook['sections'][number];

/** One page of the web edition, at a clean URL (`part-1/adjacent-possibilities/index.html`). */
export interface WebPage {
  readonly kind: 'landing' | 'section' | 'all' | 'search';
  /** The section's id, or `index`, `all`, `search`. */
  readonly id: string;
  /** Path inside dist/web, always ending in index.html so links work from disk. */
  readonly path: string;
  readonly title: string;
  readonly section?: BookSection;
  /** The part opener a chapter belongs to, from the contents tree. */
  readonly part?: { readonly id: string; readonly title: string; readonly label?: string };
  /** The contents entry of the section: its byline, label and sub-sections. */
  readonly entry?: ContentsEntry;
}

export interface SitePlan {
  readonly landing: WebPage;
  readonly all: WebPage;
  readonly search: WebPage;
  /** One page per section, in reading order (front matter, parts, chapters, back matter). */
  readonly sections: readonly WebPage[];
}

/**
 * Where each section lives: front and back matter and part openers at the top level, a
 * part's chapters in the part's folder. The part of a chapter comes from the contents tree,
 * the one structure every edition shares.
 */
export function planSite(assembled: AssembledBook): SitePlan {
  const partOf = new Map<string, ContentsEntry>();
  const entryOf = new Map<string, ContentsEntry>();
  for (const top of assembled.contents) {
    entryOf.set(top.chapter, top);
    for (const child of top.children) {
      if (child.level !== 2) continue;
      partOf.set(child.chapter, top);
      entryOf.set(child.chapter, child);
    }
  }
  const sections = assembled.sections.map((section): WebPage => {
    const part = partOf.get(section.id);
    const folder = part ? `${part.chapter}/${section.id}` : section.id;
    return {
      kind: 'section', id: section.id, path: `${folder}/index.html`, title: section.title, section,
      part: part ? { id: part.chapter, title: part.title, label: part.label } : undefined,
      entry: entryOf.get(section.id),
    };
  });
  return {
    landing: { kind: 'landing', id: WEB_NAMES.landing, path: `${WEB_NAMES.landing}.html`, title: assembled.book.title },
    all: { kind: 'all', id: WEB_NAMES.all, path: `${WEB_NAMES.all}/index.html`, title: 'The whole report on one page' },
    search: { kind: 'search', id: WEB_NAMES.search, path: `${WEB_NAMES.search}/index.html`, title: 'Search' },
    sections,
  };
}

export function allPages(plan: SitePlan): WebPage[] {
  return [plan.landing, ...plan.sections, plan.all, plan.search];
}

/** A link from one page to a file of the site (and an id in it), relative so it works from disk. */
export function relativeHref(fromPath: string, toPath: string, fragment?: string): string {
  const hash = fragment ? `#${fragment}` : '';
  if (fromPath === toPath && hash) return hash;
  // Resolved under a fixed root, so `../book.pdf` (beside the site) works and the cwd never matters.
  const rel = posix.relative(posix.dirname(posix.join('/site', fromPath)), posix.join('/site', toPath));
  return `${rel === '' ? posix.basename(toPath) : rel}${hash}`;
}

/** The clean URL of a page relative to the site's root, for the sitemap. */
export function cleanUrl(path: string): string {
  return path.replace(/index\.html$/, '');
}

/** A site path's absolute address when the book names its site (`site` in book.yaml). */
export function absoluteUrl(site: string | undefined, path: string): string | undefined {
  return site === undefined ? undefined : new URL(cleanUrl(path), site).href;
}
