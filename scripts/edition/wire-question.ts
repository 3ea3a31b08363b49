import { isMap, isScalar, Pair, Scalar, YAMLMap, type YAMLSeq, type Document } from 'yaml';
import type { QuestionInput } from '../survey/survey-schema.js';
import { matchesOf } from '../survey/count-responses.js';
import type { ExportAnswer, ExportQuestion } from './export-questions.js';
import { answerId, matchText } from './match-text.js';

/** What wiring one question did or could not do, in the words the command prints. */
export interface Wiring {
  /** One line per answer: how it was matched, or that it was added. */
  readonly lines: string[];
  /** Export answers two of the question's answers fit: the user decides, nothing is written. */
  readonly ambiguous: { readonly answer: ExportAnswer; readonly ids: readonly string[] }[];
  /** The question's answers no export answer matched. */
  readonly unmatched: string[];
  /** LimeSurvey option codes no answer's `match:` names, in an export without answer texts: never added as answers. */
  readonly unknownCodes: ExportAnswer[];
}

/**
 * Rewrites one question file's document to count the export: `responses:`, each answer's
 * `match:` where the export writes it differently, the printed shares moved to `previous:`
 * (with the seed `source:` lines that stood for them, and the printed `base:`), answers the old
 * edition never printed added, `complete: true`. A document already wired is left as it is.
 */
export function wireQuestion(doc: Document, q: QuestionInput, found: ExportQuestion, previousEdition: number): Wiring {
  const lines: string[] = [];
  const ambiguous: Wiring['ambiguous'] = [];
  const answers = doc.get('answers') as YAMLSeq<YAMLMap>;
  const exportAnswers = found.answers(q.kind);
  const hit = new Set<string>();
  const additions: ExportAnswer[] = [];
  const unknownCodes: ExportAnswer[] = [];
  for (const ea of exportAnswers) {
    // LimeSurvey: the code is what the build matches; its text is what a person recognises.
    const byCode = ea.match !== ea.text ? matchText(ea.match, q.answers, (a) => (a.match === undefined ? [] : matchesOf(a))) : { kind: 'none' as const };
    const m = byCode.kind === 'exact' ? byCode : matchText(ea.text, q.answers, (a) => [a.label, ...matchesOf(a)]);
    if (m.kind === 'ambiguous') {
      ambiguous.push({ answer: ea, ids: m.items.map((a) => a.id) });
      continue;
    }
    if (m.kind === 'none') {
      (ea.coded ? unknownCodes : additions).push(ea);
      continue;
    }
    hit.add(m.item.id);
    const known = matchesOf(m.item);
    const code = ea.match !== ea.text ? ` (code ${ea.match})` : '';
    lines.push(`  ${m.item.id}: "${ea.text}"${code} matched ${m.how}`);
    if (!known.includes(ea.match)) {
      const node = answers.items[q.answers.indexOf(m.item)]!;
      const next = m.item.match === undefined ? [ea.match] : [...known, ea.match];
      setBefore(node, 'match', next.length === 1 ? quoted(next[0]!) : doc.createNode(next.map(quoted)), ['note']);
    }
  }
  if (ambiguous.length > 0 || unknownCodes.length > 0) return { lines, ambiguous, unmatched: [], unknownCodes };

  const taken = new Set(q.answers.map((a) => a.id));
  for (const ea of additions) {
    const id = answerId(ea.text, taken);
    taken.add(id);
    const node = new YAMLMap();
    node.add(new Pair('id', quoted(id)));
    node.add(new Pair('label', quoted(ea.text)));
    // Always written: the label is the author's to reword, the export's text stays what is counted.
    node.add(new Pair('match', quoted(ea.match)));
    answers.add(node);
    lines.push(`  ${id}: "${ea.text}" added (the old edition never printed it)`);
  }
  const unmatched = q.answers.filter((a) => !hit.has(a.id)).map((a) => a.id);

  // The printed shares become the previous edition's, once: a wired file has none left.
  const printed = q.answers.filter((a) => a.share !== undefined);
  if (printed.length > 0 && !doc.has('previous')) {
    const shares = new YAMLMap();
    q.answers.forEach((a, i) => {
      const share = answers.items[i]!.get('share', true);
      if (share !== undefined) shares.add(new Pair(quoted(a.id), share));
    });
    const previous = new YAMLMap();
    previous.add(new Pair('edition', previousEdition));
    previous.add(new Pair('shares', shares));
    setBefore(doc.contents as YAMLMap, 'previous', previous, ['note', 'footnote', 'answers']);
    lines.push(`  ${printed.length} printed share${printed.length > 1 ? 's' : ''} moved to previous: (edition ${previousEdition})`);
  }
  for (const node of answers.items) {
    if (node.has('share')) node.delete('share');
    if (node.has('source')) node.delete('source');
  }
  const root = doc.contents as YAMLMap;
  for (const key of ['base', 'base_of']) if (root.has(key)) root.delete(key);
  if (q.complete !== true) {
    root.set('complete', true);
    lines.push('  complete: true (every answer of the export is counted)');
  }
  const responses = root.get('responses');
  if (isMap(responses)) {
    if (responses.get('column') !== found.column) responses.set('column', quoted(found.column));
  } else {
    const spec = new YAMLMap();
    spec.add(new Pair('column', quoted(found.column)));
    spec.add(new Pair('blanks', 'exclude'));
    spec.add(new Pair('decimals', 1));
    setBefore(root, 'responses', spec, ['previous', 'note', 'footnote', 'answers']);
  }
  return { lines, ambiguous, unmatched, unknownCodes };
}

function quoted(text: string): Scalar {
  const s = new Scalar(text);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

/** Sets `key` in a mapping, a new key placed before the first of `before` (the file's order reads as the schema's). */
function setBefore(map: YAMLMap, key: string, value: unknown, before: readonly string[]): void {
  if (map.has(key)) {
    map.set(key, value);
    return;
  }
  const at = map.items.findIndex((p) => isScalar(p.key) && before.includes(String(p.key.value)));
  const pair = new Pair(new Scalar(key), value);
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}
