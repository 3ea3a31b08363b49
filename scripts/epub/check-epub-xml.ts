import type { Nodes } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { contentHash } from '../cache/content-hash.js';

const XML_FILE = /\.(xhtml|opf|ncx|xml)$/;

/**
 * Parses every XML file of the ePub before it is packed (issue 21, class 1): one that is not
 * well-formed, or an XHTML file holding an id twice, would make e-readers refuse the book or
 * follow a link to the wrong place. The sources are checked before (characters, ids), so this
 * is the writer's own guarantee: failing here is a bug in the pipeline, named with the file and
 * the place in it, never an ePub that reading systems reject. `checked`: the texts already
 * checked, by hash, with their ids (the build keeps it in its cache: parsing every file again
 * took ~0.5 s of CPU of each ePub build). Returns each XHTML file's ids
 * (the chapters are checked with their page slots, and their markers' ids against these).
 */
export function checkEpubXml(files: ReadonlyMap<string, Uint8Array | string>, checked = new Map<string, readonly string[]>()): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const [name, content] of files) {
    if (!XML_FILE.test(name)) continue;
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    // The same text passed before (this build or the last, by the cache's memo: a file's check depends on its text alone).
    const hash = contentHash(name.endsWith('.xhtml') ? 'xhtml' : 'xml', text);
    const known = checked.get(hash);
    if (known) {
      if (name.endsWith('.xhtml')) ids.set(name, new Set(known));
      continue;
    }
    let tree: Nodes;
    try {
      tree = fromXml(text);
    } catch (e) {
      const m = e as { line?: number; column?: number; reason?: string; message: string };
      throw new Error(`internal error: the ePub's ${name} is not well-formed XML (${name}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason ?? m.message}); this is a bug in the ePub writer, please report it`);
    }
    const found = name.endsWith('.xhtml') ? checkUniqueIds(name, tree) : new Set<string>();
    if (name.endsWith('.xhtml')) ids.set(name, found);
    checked.set(hash, [...found]);
  }
  return ids;
}

/** The ids of an XHTML file, each once. */
function checkUniqueIds(name: string, tree: Nodes): Set<string> {
  const seen = new Set<string>();
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const id = node.attributes.id;
      if (typeof id === 'string') {
        if (seen.has(id)) throw new Error(`internal error: the ePub's ${name} holds the id "${id}" twice (at ${node.position?.start.line ?? '?'}:${node.position?.start.column ?? '?'}); this is a bug in the id allocator, please report it`);
        seen.add(id);
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return seen;
}
