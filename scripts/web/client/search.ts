/**
 * The search page's script: loads the index the build embedded in the page, runs the query
 * from `?q=` or from the box as the reader types, and lists the matching sections.
 */
import MiniSearch from 'minisearch';
import { unpackIndex, type PackedIndex } from '../search-codec.js';
import { highlightTerms } from './highlight-terms.js';
import { INDEX_OPTIONS, QUERY_OPTIONS, type SearchDocument, type StoredFields } from '../search-options.js';

const MAX_RESULTS = 40;

function start(): void {
  const data = document.getElementById('search-index')?.textContent;
  const input = document.querySelector<HTMLInputElement>('.search-page input[type="search"]');
  const form = input?.form;
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  if (!data || !input || !form || !status || !list) return;
  const index = MiniSearch.loadJS<SearchDocument>(unpackIndex(JSON.parse(data) as PackedIndex), INDEX_OPTIONS);
  const root = list.dataset.root ?? '../';

  const run = (query: string) => {
    const q = query.trim();
    list.replaceChildren();
    if (!q) {
      status.textContent = '';
      return;
    }
    const hits = index.search(q, QUERY_OPTIONS);
    status.textContent = hits.length === 0 ? `No results for “${q}”.`
      : `${hits.length} result${hits.length === 1 ? '' : 's'} for “${q}”${hits.length > MAX_RESULTS ? `; the first ${MAX_RESULTS} are shown` : ''}.`;
    for (const hit of hits.slice(0, MAX_RESULTS)) {
      const doc = hit as unknown as StoredFields;
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = root + doc.url;
      link.append(...highlightTerms(doc.title, hit.terms));
      const chapter = document.createElement('p');
      chapter.className = 'search-chapter';
      chapter.textContent = doc.chapter;
      const excerpt = document.createElement('p');
      excerpt.className = 'search-excerpt';
      excerpt.append(...highlightTerms(doc.excerpt, hit.terms));
      item.append(link, chapter, excerpt);
      list.append(item);
    }
  };

  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(input.value), 150);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get('q') ?? '';
  if (initial) {
    input.value = initial;
    run(initial);
  }
}

start();
