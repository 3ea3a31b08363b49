import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';

/**
 * The folders of scripts/ form layers that import only downward. The imports are read with
 * the TypeScript compiler (static, dynamic and type-only imports and re-exports alike); the
 * layer order is the one the README documents under "Layers".
 */
const REPO = join(import.meta.dirname, '..');
const SCRIPTS = join(REPO, 'scripts');

/** `scripts/print/x.ts` → `print`; a file directly in scripts/ (`build.ts`) is its own node. */
function nodeOf(file: string): string {
  const [first, ...rest] = relative(SCRIPTS, file).split(sep);
  return rest.length > 0 ? first! : first!.replace(/\.[cm]?[jt]s$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]s$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Folder → folder → the file imports that make the edge. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SCRIPTS)) {
    const from = nodeOf(file);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      if (!target.startsWith(SCRIPTS + sep)) continue;
      const to = nodeOf(target);
      if (to === from) continue;
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SCRIPTS, file)} → ${fileName}`]);
    }
  }
  return graph;
}

/** The README's layers: one line per layer, `name  a, b | c`; `|` separates peers. */
function documentedLayers(): string[][][] {
  const tree = fromMarkdown(readFileSync(join(REPO, 'README.md'), 'utf8'));
  const at = tree.children.findIndex((n) => n.type === 'heading' && n.children.some((c) => c.type === 'text' && c.value === 'Layers'));
  const block = tree.children.slice(at + 1).find((n): n is Code => n.type === 'code');
  if (at < 0 || !block) throw new Error('README.md has no "Layers" section with a code block');
  return block.value.split('\n').filter((l) => l.trim()).map((line) => {
    const folders = line.trim().split(/\s+/).slice(1).join(' ');
    return folders.split(',').map((group) => group.split('|').map((f) => f.trim()));
  });
}

/** Each folder's rank (later may import earlier) and its peers (which it may not import). */
function ranks(layers: string[][][]) {
  const rank = new Map<string, number>();
  const peers = new Map<string, Set<string>>();
  let n = 0;
  for (const layer of layers) {
    for (const group of layer) {
      for (const folder of group) {
        rank.set(folder, n);
        peers.set(folder, new Set(group.filter((f) => f !== folder)));
      }
      n++;
    }
  }
  return { rank, peers };
}

function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      found.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node)?.keys() ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('the layers of scripts/', () => {
  const graph = folderGraph();
  const layers = documentedLayers();
  const { rank, peers } = ranks(layers);

  it('finds the imports it checks (the graph is not empty)', () => {
    expect(graph.get('build')?.has('assemble')).toBe(true);
    expect(graph.get('compile')?.has('markdown')).toBe(true);
  });

  it('has no import cycle between folders', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('places every folder in the README\'s layers, and lists no folder that does not exist', () => {
    expect([...graph.keys()].filter((f) => !rank.has(f)).sort()).toEqual([]);
    expect([...rank.keys()].filter((f) => !graph.has(f)).sort()).toEqual([]);
  });

  it('imports only downward, never a peer', () => {
    const upward: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, imports] of edges) {
        if (peers.get(from)?.has(to) || (rank.get(to) ?? Infinity) >= (rank.get(from) ?? -Infinity)) upward.push(`${from} → ${to}: ${imports[0]}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
