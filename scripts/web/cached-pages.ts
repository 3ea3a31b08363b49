import type { BuildCache } from '../cache/build-cache.js';
import { contentHash } from '../cache/content-hash.js';
import { usedCharacters } from '../fonts/subset-faces.js';
import { fillPageAnchors } from './page-anchors.js';
import type { PageDocuments } from './search-index.js';
import { searchIndexOf } from './search-index.js';
import type { AllPiece, PageTemplate, SitePages } from './site-pages.js';

const KIND = 'web-pages';

/** A page as the cache keeps it: its template and what the rest of the site needs from it. */
interface PageEntry extends PageTemplate {
  /** The characters of its HTML without page anchors (usedCharacters), for the font subsets. */
  readonly characters: string;
  /** A section page's search documents and charts. */
  readonly documents?: PageDocuments;
  readonly charts?: readonly string[];
}

export interface MadePages {
  /** The section pages' and "read all"'s templates (page anchors go in once the print is done), by path. */
  readonly templates: ReadonlyMap<string, PageTemplate>;
  /** The search page (it has no anchors). */
  readonly search: { readonly path: string; readonly html: string };
  /** The question id of every chart on the section pages, in reading order, once each. */
  readonly chartIds: readonly string[];
  /** Each page's characters (usedCharacters). */
  readonly characters: readonly string[];
  /** The paths of the pages made anew (the others came from the cache). */
  readonly made: readonly string[];
}

/**
 * The section pages, "read all" and the search page, each a result kept under the hash of
 * everything it is made from (SitePages.inputsOf: its section's tree, its neighbours' titles,
 * where the ids it links to live...) and the pipeline. A warm build after one chapter's edit
 * makes that chapter's page, its piece of "read all" (whose frame, the contents, is made every
 * time) and the search index again, the index from every page's documents, kept with the pages.
 * Pages are kept with their print anchor slots: one entry serves a build with a PDF and one without.
 */
export async function cachedSitePages(pages: SitePages, cache: BuildCache, signal?: AbortSignal): Promise<MadePages> {
  const made: string[] = [];
  const page = async (path: string, inputs: string, extra: (template: PageTemplate) => Partial<PageEntry>): Promise<PageEntry> => {
    const key = contentHash(cache.pipeline, KIND, inputs);
    const kept = await readEntry<PageEntry>(cache, key);
    if (kept) return kept;
    signal?.throwIfAborted();
    made.push(path);
    const template = pages.template(path)!;
    const fresh: PageEntry = { ...template, characters: charactersOf(template), ...extra(template) };
    await cache.store.write(KIND, key, JSON.stringify(fresh));
    return fresh;
  };
  const { plan } = pages;
  const sections = await Promise.all(plan.sections.map((p) => page(p.path, pages.inputsOf(p.path)!, () => ({
    documents: pages.documents(p.path), charts: pages.chartsOf(p.path),
  }))));
  // "Read all" from its sections' pieces, each kept like a page; the frame (its contents) is made each time.
  const pieces: AllPiece[] = [];
  for (const p of plan.sections) {
    const key = contentHash(cache.pipeline, KIND, 'all-piece', pages.allPieceInputs(p.path));
    let piece = await readEntry<AllPiece>(cache, key);
    if (!piece) {
      signal?.throwIfAborted();
      made.push(`${plan.all.path} (${p.id})`);
      piece = pages.allPiece(p.path);
      await cache.store.write(KIND, key, JSON.stringify(piece));
    }
    pieces.push(piece);
  }
  const allTemplate = pages.allPage(pieces);
  const all: PageEntry = { ...allTemplate, characters: charactersOf(allTemplate) };

  const documents = sections.map((s) => s.documents!);
  const indexKey = contentHash(cache.pipeline, KIND, 'search-index', JSON.stringify(documents));
  let index = (await cache.store.read(KIND, indexKey))?.toString('utf8');
  if (index === undefined) {
    index = searchIndexOf(documents);
    await cache.store.write(KIND, indexKey, index);
  }
  const searchKey = contentHash(cache.pipeline, KIND, pages.searchInputs(index));
  let search = await readEntry<PageEntry>(cache, searchKey);
  if (!search) {
    made.push(plan.search.path);
    const html = pages.searchPage(index);
    search = { html, slots: 0, roots: [], characters: usedCharacters(html) };
    await cache.store.write(KIND, searchKey, JSON.stringify(search));
  }

  const templates = new Map<string, PageTemplate>([...plan.sections.map((p, i) => [p.path, sections[i]!] as const), [plan.all.path, all]]);
  return {
    templates,
    search: { path: plan.search.path, html: search.html },
    chartIds: [...new Set(sections.flatMap((s) => s.charts ?? []))],
    characters: [...sections, all, search].map((s) => s.characters),
    made,
  };
}

/** A page's characters: those of its HTML as it is without a PDF (the anchors' are ASCII, which every subset has). */
function charactersOf(template: PageTemplate): string {
  return usedCharacters(fillPageAnchors(template.html, template.slots, new Set(template.roots), []));
}

async function readEntry<T>(cache: BuildCache, key: string): Promise<T | undefined> {
  const bytes = await cache.store.read(KIND, key);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
