import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The brand's faces, from @fontsource packages, as styles/tokens.css names them (read by
 * scripts/brand/brand.ts). Their woff2 files have TrueType outlines, which Chromium embeds in
 * the PDF as subsets (CFF fonts would print as Type 3). Each face needs the latin and latin-ext
 * files: the authors' names use Ł, ł, ń, ś, ź.
 */
export interface FontFace {
  readonly family: string;
  readonly pkg: string;
  readonly file: string;
  readonly weight: number;
  readonly style: 'normal' | 'italic';
  readonly subset: Subset;
  readonly unicodeRange: string;
}

export type Subset = 'latin' | 'latin-ext';

/** What each face is for: the running text, the headings and UI (and charts, cards), code, and the arrows and math operators none of the others carry. */
export type FaceRole = 'text' | 'sans' | 'mono' | 'symbols';

/** The roles in the order their @font-face rules are written (the order they always had). */
export const FACE_ROLES: readonly FaceRole[] = ['sans', 'text', 'mono', 'symbols'];

/** One role's face as the brand declares it. */
export interface FaceSpec {
  readonly family: string;
  /** The @fontsource package's name without the scope: `inter`. */
  readonly pkg: string;
  readonly weights: readonly number[];
  readonly italics: readonly number[];
  readonly subsets: readonly Subset[];
  /** The characters the face serves instead of its subsets' whole ranges (the symbols: only arrows and operators). */
  readonly range?: string;
}

/** The system fonts a metric-matched fallback can stand in with (fallback-faces.ts), by the generic family ending a stack. */
export type SystemKind = 'serif' | 'sans' | 'mono';

/** The brand's faces: every font file the editions carry, and each role's family. */
export interface BrandFaces {
  readonly families: Readonly<Record<FaceRole, string>>;
  readonly faces: readonly FontFace[];
  /** The system font kind each stack's fallback is matched to (the stack's generic family). */
  readonly fallbackKinds: Readonly<Record<Exclude<FaceRole, 'symbols'>, SystemKind>>;
  /** A hash of all of the above: what a cache of anything made of the faces is keyed on. */
  readonly key: string;
}

/** The unicode-range of each subset, as @fontsource declares it. */
const unicodeRanges: Record<Subset, string> = {
  latin: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext': 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
};

/**
 * Every file of every role's face: per subset, the upright weights, then the italics. Two roles
 * may share a face (the text set in the sans): each file is listed once.
 */
export function brandFaces(specs: Readonly<Record<FaceRole, FaceSpec>>, fallbackKinds: BrandFaces['fallbackKinds']): BrandFaces {
  const all = FACE_ROLES.flatMap((role) => {
    const { family, pkg, weights, italics, subsets, range } = specs[role];
    return subsets.flatMap((subset) => [
      ...weights.map((weight) => ({ family, pkg, weight, style: 'normal' as const, subset, unicodeRange: range ?? unicodeRanges[subset], file: `${pkg}-${subset}-${weight}-normal.woff2` })),
      ...italics.map((weight) => ({ family, pkg, weight, style: 'italic' as const, subset, unicodeRange: range ?? unicodeRanges[subset], file: `${pkg}-${subset}-${weight}-italic.woff2` })),
    ]);
  });
  const faces = all.filter((face, i) => all.findIndex((f) => f.file === face.file) === i);
  const families = Object.fromEntries(FACE_ROLES.map((role) => [role, specs[role].family])) as Record<FaceRole, string>;
  const key = createHash('sha256').update(JSON.stringify([faces, fallbackKinds])).digest('hex').slice(0, 16);
  return { families, faces, fallbackKinds, key };
}

const require = createRequire(import.meta.url);

/** The folder of an installed @fontsource package's files, or undefined when it is not installed. */
export function fontPackageDir(pkg: string): string | undefined {
  try {
    return join(dirname(require.resolve(`@fontsource/${pkg}/package.json`)), 'files');
  } catch {
    return undefined;
  }
}

/** Absolute path of a face's woff2 file inside node_modules. */
export function fontFilePath(face: Pick<FontFace, 'pkg' | 'file'>): string {
  return join(dirname(require.resolve(`@fontsource/${face.pkg}/package.json`)), 'files', face.file);
}
