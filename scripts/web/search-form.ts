import { h } from 'hastscript';
import type { Element } from 'hast';

/**
 * The search box: a plain GET form to the search page (`?q=`), so it is a link a reader can
 * share; the search page's script reads the query and runs it.
 */
export function searchForm(action: string, id: string, label = 'Search the report'): Element {
  return h('form.search-form', { role: 'search', action, method: 'get' }, [
    h('label', { htmlFor: id }, label),
    h('div.search-row', [
      h('input', { type: 'search', id, name: 'q', autocomplete: 'off', spellCheck: 'false' }),
      h('button', { type: 'submit' }, 'Search'),
    ]),
  ]);
}
