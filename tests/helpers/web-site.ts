import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** Every page of a built web edition: `index.html` paths relative to `web`, sorted. */
export function listPages(web: string): string[] {
  return (readdirSync(web, { recursive: true }) as string[])
    .map((p) => p.split(sep).join('/'))
    .filter((p) => p === 'index.html' || p.endsWith('/index.html'))
    .filter((p) => !p.startsWith('assets/'))
    .sort();
}

export function parsePage(file: string): Root {
  return fromHtml(readFileSync(file, 'utf8'));
}

export function elements(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}

export function hasClass(e: Element, name: string): boolean {
  return ((e.properties.className as string[] | undefined) ?? []).includes(name);
}

export function idsOf(tree: Root): Set<string> {
  return new Set(elements(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id)));
}

/** Every URL a page refers to: links, stylesheets, preloads, scripts. */
export function referencesOf(tree: Root): string[] {
  return elements(tree, (e) => (e.tagName === 'a' || e.tagName === 'link') && typeof e.properties.href === 'string'
    || e.tagName === 'script' && typeof e.properties.src === 'string')
    .map((e) => String(e.properties.href ?? e.properties.src));
}

/** A reference resolved against its page: the file it names (index.html for a folder) and the fragment. */
export function resolveReference(web: string, page: string, href: string): { file: string; fragment: string } {
  const [path, fragment = ''] = href.split('#') as [string, string?];
  const target = path === '' ? page : posix.normalize(posix.join(posix.dirname(page), path));
  const file = join(web, target.endsWith('/') || target === '.' ? join(target, 'index.html') : target);
  return { file, fragment: decodeURIComponent(fragment) };
}

export function isExternal(href: string): boolean {
  return /^(https?:|mailto:)/.test(href);
}

/** RFC 4180 rows: quoted fields, doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * What a page weighs before fonts and charts: its HTML without the inline chart and figure
 * SVG, plus the stylesheets and scripts it loads.
 */
export function pageWeight(web: string, page: string): { html: number; svg: number; assets: number; total: number } {
  const html = readFileSync(join(web, page), 'utf8');
  const svg = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].reduce((n, m) => n + Buffer.byteLength(m[0]), 0);
  const tree = fromHtml(html);
  const assets = elements(tree, (e) => (e.tagName === 'link' && String(e.properties.rel) === 'stylesheet') || (e.tagName === 'script' && typeof e.properties.src === 'string'))
    .map((e) => resolveReference(web, page, String(e.properties.href ?? e.properties.src)).file)
    .reduce((n, f) => n + statSync(f).size, 0);
  const bytes = Buffer.byteLength(html) - svg;
  return { html: bytes, svg, assets, total: bytes + assets };
}

export function textOf(e: Element): string {
  return toString(e).replace(/\s+/g, ' ').trim();
}

export { serveStatic } from '../../scripts/bench/static-server.js';
