import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { sanitizeSvg, type SvgFinding } from './sanitize-svg.js';

/** Something found in a figure's SVG, at its place in that file (relative to the project root). */
export interface FigureFinding extends SvgFinding {
  readonly file: string;
}

export type FigureLoad =
  | { ok: true; name: string; svg: string; findings: readonly FigureFinding[]; legibleWidth?: number }
  | { ok: false; reason: string; hint: string; findings: readonly FigureFinding[] };

export interface FigureAssets {
  load(src: string, fromFile: string | undefined): Promise<FigureLoad>;
}

/**
 * Reads figure SVGs from `manuscript/`, refusing what would leave the project (symlinks too),
 * reach the network or run code, and prefixing ids so several figures can share one document.
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
  const refuse = (reason: string, hint: string, findings: readonly FigureFinding[] = []): FigureLoad => ({ ok: false, reason, hint, findings });
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    return refuse(`figure "${src}" is a remote URL`, 'the build is offline: save the image under manuscript/figures/ and point src at it');
  }
  const full = normalize(join(root, dirname(fromFile ?? 'manuscript/x.md'), src));
  const path = relative(root, full).split('\\').join('/');
  if (isAbsolute(src) || relative(join(root, 'manuscript'), full).startsWith('..')) {
    return refuse(`figure "${src}" is outside the manuscript folder`, 'figures must live under manuscript/ (e.g. manuscript/figures/)');
  }
  if (!src.endsWith('.svg')) return refuse(`figure "${src}" is not an SVG file`, 'draw figures as SVG so they stay sharp in print and on screen');
  let text: string;
  try {
    text = await readProjectFile(root, path, 'utf8');
  } catch (e) {
    if (e instanceof ProjectFileError && e.problem === 'outside') return refuse(`figure "${src}" is a link that leads outside the project`, e.hint);
    if (e instanceof ProjectFileError && e.problem !== 'missing') return refuse(`figure ${e.message}`, e.hint);
    return refuse(`figure file "${src}" does not exist`, `expected it at ${path}`);
  }
  const name = basename(src, '.svg');
  const { svg, findings, legibleWidth } = sanitizeSvg(text, `fig-${name}-`);
  const located = findings.map((f) => ({ ...f, file: path }));
  if (svg === undefined) return refuse(`figure "${src}" is refused: it is not a static SVG drawing`, `see the errors reported in ${path}`, located);
  return { ok: true, name, svg, findings: located, legibleWidth };
}
