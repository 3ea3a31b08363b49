import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';

export type FigureLoad =
  | { ok: true; name: string; svg: string }
  | { ok: false; reason: string; hint: string };

export interface FigureAssets {
  load(src: string, fromFile: string | undefined): Promise<FigureLoad>;
}

/**
 * Reads figure SVGs from `manuscript/`, refusing what would leave the project, reach the
 * network or run code, and prefixing ids so several figures can share one document.
 */
export function createFigureAssets(root: string): FigureAssets {
  const cache = new Map<string, Promise<FigureLoad>>();
  return {
    load(src, fromFile) {
      const key = `${fromFile ?? ''}\0${src}`;
      if (!cache.has(key)) cache.set(key, loadFigure(root, src, fromFile));
      return cache.get(key)!;
    },
  };
}

async function loadFigure(root: string, src: string, fromFile: string | undefined): Promise<FigureLoad> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    return { ok: false, reason: `figure "${src}" is a remote URL`, hint: 'the build is offline: save the image under manuscript/figures/ and point src at it' };
  }
  const base = join(root, dirname(fromFile ?? 'manuscript/x.md'));
  const full = normalize(join(base, src));
  const rel = relative(join(root, 'manuscript'), full);
  if (isAbsolute(src) || rel.startsWith('..')) {
    return { ok: false, reason: `figure "${src}" is outside the manuscript folder`, hint: 'figures must live under manuscript/ (e.g. manuscript/figures/)' };
  }
  if (!src.endsWith('.svg')) return { ok: false, reason: `figure "${src}" is not an SVG file`, hint: 'draw figures as SVG so they stay sharp in print and on screen' };
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    return { ok: false, reason: `figure file "${src}" does not exist`, hint: `expected it at ${relative(root, full)}` };
  }
  if (/<script|\son[a-z]+\s*=|<foreignObject|(?:xlink:)?href\s*=\s*["'](?!#)/i.test(text)) {
    return { ok: false, reason: `figure "${src}" contains scripts, event handlers or external references`, hint: 'figures must be self-contained static SVG' };
  }
  const name = basename(src, '.svg');
  return { ok: true, name, svg: prefixIds(stripProlog(text), `fig-${name}-`) };
}

function stripProlog(svg: string): string {
  return svg.replace(/<\?xml[^>]*\?>/g, '').replace(/<!DOCTYPE[^>]*>/gi, '').replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** Ids like `t` and `d` repeat across figures: make them unique and keep internal references working. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/\b(aria-labelledby|aria-describedby)="([^"]+)"/g, (_, attr: string, ids: string) => `${attr}="${ids.split(/\s+/).map((i) => prefix + i).join(' ')}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}
