import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The brand's three faces, from @fontsource packages. Their woff2 files have TrueType
 * outlines, which Chromium embeds in the PDF as subsets (CFF fonts would print as Type 3).
 * Each face needs the latin and latin-ext files: the authors' names use Ł, ł, ń, ś, ź.
 */
export interface FontFace {
  readonly family: string;
  readonly pkg: string;
  readonly file: string;
  readonly weight: number;
  readonly style: 'normal' | 'italic';
  readonly subset: 'latin' | 'latin-ext';
  readonly unicodeRange: string;
}

export const FAMILIES = {
  sans: 'Inter',
  serif: 'Source Serif 4',
  mono: 'JetBrains Mono',
  /** Arrows and math operators (≈, →), which none of the three faces' subsets carry. */
  symbols: 'Noto Sans Math',
} as const;

const faces: Array<[family: string, pkg: string, weights: number[], italics: number[]]> = [
  [FAMILIES.sans, 'inter', [400, 600, 700, 800], []],
  [FAMILIES.serif, 'source-serif-4', [400, 600, 700], [400, 600]],
  [FAMILIES.mono, 'jetbrains-mono', [400, 700], []],
];

/** The unicode-range of each subset, as @fontsource declares it. */
const unicodeRanges = {
  latin: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext': 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
} as const;

export const fontFaces: readonly FontFace[] = [
  ...faces.flatMap(([family, pkg, weights, italics]) =>
    (['latin', 'latin-ext'] as const).flatMap((subset) => [
      ...weights.map((weight) => ({ family, pkg, weight, style: 'normal' as const, subset, unicodeRange: unicodeRanges[subset], file: `${pkg}-${subset}-${weight}-normal.woff2` })),
      ...italics.map((weight) => ({ family, pkg, weight, style: 'italic' as const, subset, unicodeRange: unicodeRanges[subset], file: `${pkg}-${subset}-${weight}-italic.woff2` })),
    ])),
  { family: FAMILIES.symbols, pkg: 'noto-sans-math', weight: 400, style: 'normal', subset: 'latin', unicodeRange: 'U+2190-21FF, U+2200-22FF', file: 'noto-sans-math-latin-400-normal.woff2' },
];

const require = createRequire(import.meta.url);

/** Absolute path of a face's woff2 file inside node_modules. */
export function fontFilePath(face: Pick<FontFace, 'pkg' | 'file'>): string {
  return join(dirname(require.resolve(`@fontsource/${face.pkg}/package.json`)), 'files', face.file);
}
