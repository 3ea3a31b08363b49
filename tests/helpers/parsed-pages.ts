import type { Root } from 'hast';
import { parsePage } from './web-site.js';

/**
 * `parsePage` with each file parsed once, for a test file that reads the same built pages in
 * several tests. The trees are shared: a caller reads them and never changes them.
 */
export function parsedPages(): (file: string) => Root {
  const trees = new Map<string, Root>();
  return (file) => {
    let tree = trees.get(file);
    if (!tree) trees.set(file, (tree = parsePage(file)));
    return tree;
  };
}
