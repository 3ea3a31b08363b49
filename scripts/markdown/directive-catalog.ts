/** Every directive an author may use, with its kind and the attributes it takes. */
export interface DirectiveSpec {
  readonly type: 'textDirective' | 'leafDirective' | 'containerDirective';
  readonly syntax: string;
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * By name. A Map, not an object literal: a name is the author's text, and `constructor` or
 * `toString` must be unknown like any other word, not found on Object.prototype.
 */
export const directiveCatalog: ReadonlyMap<string, DirectiveSpec> = new Map<string, DirectiveSpec>([
  ['chart', { type: 'leafDirective', syntax: '::chart{#question-id}', required: ['id'], optional: [] }],
  ['stat', { type: 'textDirective', syntax: ':stat[question-id/answer-id] or :stat[question-id/answer-id]{change}', required: [], optional: ['change'] }],
  ['commentary', { type: 'containerDirective', syntax: ':::commentary{name="…" role="…" affiliation="…"}', required: ['name', 'role'], optional: ['affiliation'] }],
  ['quote', { type: 'containerDirective', syntax: ':::quote{by="…"}', required: ['by'], optional: [] }],
  ['figure', { type: 'containerDirective', syntax: ':::figure{src="figures/x.svg" alt="…" title="…"}', required: ['src', 'alt', 'title'], optional: [] }],
  ['note', { type: 'containerDirective', syntax: ':::note', required: [], optional: [] }],
  ['stats', { type: 'containerDirective', syntax: ':::stats', required: [], optional: [] }],
]);

export function describeCatalog(): string {
  return [...directiveCatalog.values()].map((d) => d.syntax).join(', ');
}
