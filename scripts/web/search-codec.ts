import type { AsPlainObject } from 'minisearch';

/**
 * A compact form of MiniSearch's serialized index, for the search page to carry: MiniSearch's
 * own JSON spends ~20 bytes of brackets and quotes per term, more than the postings. Here each
 * term is one line, `term field:doc,doc*tf;field:doc`, the rest stays JSON. Shared by the
 * build (encode) and the search page's script (decode); a round trip is lossless.
 */
export interface PackedIndex extends Omit<AsPlainObject, 'index'> {
  readonly terms: string;
}

export function packIndex(index: AsPlainObject): PackedIndex {
  const { index: entries, ...rest } = index;
  // The tokenizer splits at spaces and punctuation, so no term holds ' ', ':', ';', ',' or a newline.
  const terms = entries.map(([term, fields]) => `${term} ${Object.entries(fields).map(([field, docs]) =>
    `${field}:${Object.entries(docs).map(([doc, tf]) => (tf === 1 ? doc : `${doc}*${tf}`)).join(',')}`).join(';')}`).join('\n');
  return { ...rest, terms };
}

export function unpackIndex(packed: PackedIndex): AsPlainObject {
  const { terms, ...rest } = packed;
  const index: AsPlainObject['index'] = terms === '' ? [] : terms.split('\n').map((line) => {
    const space = line.indexOf(' ');
    const fields: Record<string, Record<string, number>> = {};
    for (const part of line.slice(space + 1).split(';')) {
      const [field, docs] = part.split(':') as [string, string];
      fields[field] = Object.fromEntries(docs.split(',').map((d) => {
        const [doc, tf] = d.split('*');
        return [doc!, tf === undefined ? 1 : Number(tf)];
      }));
    }
    return [line.slice(0, space), fields];
  });
  return { ...rest, index };
}
