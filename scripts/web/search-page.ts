import { h } from 'hastscript';
import type { Element } from 'hast';
import { searchForm } from './search-form.js';
import { relativeHref, type SitePlan } from './site-plan.js';
import { PAGE_IDS } from '../assemble/page-ids.js';

export const SEARCH_INDEX_ID = PAGE_IDS.searchIndex;

/**
 * The search page: the form, a live status line and the results list the search script fills
 * from the index embedded in the page (a JSON script: pages opened from disk cannot fetch()).
 */
export function searchMain(plan: SitePlan, indexJson: string): Element {
  return h('div.page-content.search-page', [
    h('h1', 'Search the report'),
    searchForm(relativeHref(plan.search.path, plan.search.path), 'search-query', 'Words to find'),
    h('p.search-status', { id: PAGE_IDS.searchStatus, role: 'status' }),
    h('ol.search-results', { id: PAGE_IDS.searchResults, dataRoot: relativeHref(plan.search.path, plan.landing.path).replace(/index\.html$/, '') }),
    h('noscript', h('p.search-noscript', [
      'Search needs JavaScript. Browse the ',
      h('a', { href: relativeHref(plan.search.path, plan.landing.path, 'contents') }, 'contents'),
      ' or ', h('a', { href: relativeHref(plan.search.path, plan.all.path) }, 'read the whole report on one page'), ' instead.',
    ])),
    // `<` escaped: the JSON can never close its script element early.
    h('script', { type: 'application/json', id: SEARCH_INDEX_ID }, indexJson.replace(/</g, '\\u003c')),
  ]);
}
