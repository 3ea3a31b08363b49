import type { Options, SearchOptions } from 'minisearch';

/** One searchable stretch of the report: a section of a page, from one heading to the next. */
export interface SearchDocument {
  readonly id: number;
  readonly title: string;
  readonly chapter: string;
  /** Relative to the site's root: `part-2/python-now/index.html#python-now--…`. */
  readonly url: string;
  readonly text: string;
  readonly excerpt: string;
}

export type StoredFields = Pick<SearchDocument, 'title' | 'chapter' | 'url' | 'excerpt'>;

/** Words too common to find anything by; left out of the index, which they would double. */
const STOP_WORDS = new Set(`a about after all also an and any are as at be been but by can could do does for from had has have
how i if in into is it its it's just may more most much no not of on one or other our so some such than that the their them then
there these they this those to too up us was we were what when where which while who will with would you your
s t d ll m re ve`.split(/\s+/));

/** Shared by the build, which indexes, and the search page's script, which loads the index. */
export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'text'],
  storeFields: ['title', 'chapter', 'url', 'excerpt'],
  processTerm: (term) => {
    const t = term.toLowerCase();
    return STOP_WORDS.has(t) ? null : t;
  },
};

export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 3 },
  prefix: (term) => term.length > 2,
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  combineWith: 'AND',
};
