/**
 * Matching an export's text (a column header, an answer) to what the data files know, the
 * way a person would: exactly, else ignoring case, punctuation and one unit word ("1-5" is
 * "1–5 projects"). Only a unique match counts; two candidates are a question for the user.
 */

/** Words a scale's answers carry or leave out: "1–3 years" is "1-3". */
const UNIT_WORDS = new Set(['year', 'years', 'project', 'projects', 'hour', 'hours', 'hrs', 'h', 'month', 'months', 'week', 'weeks', 'course', 'courses', 'times']);

/** Lower case, every run of punctuation or space one space (dashes of every kind alike). */
export function looseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function withoutUnit(loose: string): string {
  return loose.split(' ').filter((w) => !UNIT_WORDS.has(w)).join(' ');
}

export type TextMatch<T> =
  | { readonly kind: 'exact' | 'loose'; readonly item: T; readonly how: string }
  | { readonly kind: 'ambiguous'; readonly items: readonly T[] }
  | { readonly kind: 'none' };

/** Matches `text` against each item's texts; exact first, then loose, then loose without a unit word. */
export function matchText<T>(text: string, items: readonly T[], textsOf: (item: T) => readonly string[]): TextMatch<T> {
  const steps: { kind: 'exact' | 'loose'; how: string; key: (s: string) => string }[] = [
    { kind: 'exact', how: 'exactly', key: (s) => s.trim() },
    { kind: 'loose', how: 'ignoring case and punctuation', key: looseText },
    { kind: 'loose', how: 'ignoring case, punctuation and a unit word', key: (s) => withoutUnit(looseText(s)) },
  ];
  for (const step of steps) {
    const want = step.key(text);
    if (!want) continue;
    const found = items.filter((item) => textsOf(item).some((t) => step.key(t) === want));
    if (found.length === 1) return { kind: step.kind, item: found[0]!, how: step.how };
    if (found.length > 1) return { kind: 'ambiguous', items: found };
  }
  return { kind: 'none' };
}

/** A kebab-case answer id for a new answer's text ("Ease of use!" → "ease-of-use"), unique among `taken`. */
export function answerId(text: string, taken: ReadonlySet<string>): string {
  const base = looseText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'answer';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
