import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** A key of a chart spec that would make Vega read a file or the network, or link a mark away. */
export interface SpecFetch {
  readonly key: 'url' | 'href';
  /** JSON pointer to the key, e.g. `/layer/1/transform/0/from/data/url`. */
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Every `url` and `href` key anywhere in a spec, with the place of the key in the file. Vega
 * reads `url` (data, a layer's data, a lookup's `from`, an image mark) with its loader, and
 * renders `href` as a link around the mark: a chart is drawn only from its named dataset and
 * links nowhere, so both are refused wherever they are nested. JSON is YAML, whose parser keeps
 * positions; the text has already passed JSON.parse.
 */
export function findFetches(text: string): SpecFetch[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const found: SpecFetch[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key === 'url' || key === 'href') {
          const at = lineCounter.linePos(isScalar(pair.key) ? pair.key.range?.[0] ?? 0 : 0);
          found.push({ key, pointer: here, line: at.line, column: at.col });
        }
        walk(pair.value, here);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${pointer}/${i}`));
    }
  };
  walk(doc.contents, '');
  return found;
}
