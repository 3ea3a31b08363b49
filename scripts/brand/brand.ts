import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CssSyntaxError } from 'postcss';
import valueParser from 'postcss-value-parser';
import { BrandTokenError, parseBrandTokens, TOKENS_PATH, type BrandTokens } from '../assets/brand-tokens.js';
import { ProjectFileError, readProjectFileSync } from '../diagnostics/project-files.js';
import type { DiagnosticList } from '../diagnostics/diagnostic.js';
import { brandFaces, FACE_ROLES, fontPackageDir, type BrandFaces, type FaceRole, type FaceSpec, type Subset, type SystemKind } from '../fonts/font-files.js';
import { printedPage, type PrintedPage } from './printed-page.js';

/**
 * The brand, from styles/tokens.css alone: its colours and sizes (the tokens), its faces (each
 * role's family, @fontsource package, weights and italics) and the printed page (size and
 * margins). Everything that names a font or a page measure is made from it: the font files, the
 * @font-face rules, the fallbacks, the chart theme's font, the sharing cards, the web preloads,
 * the print @page rule and the preflight's text area.
 */
export interface Brand {
  readonly tokens: BrandTokens;
  readonly fonts: BrandFaces;
  readonly page: PrintedPage;
}

const ROLE_HINT = (role: FaceRole) =>
  `each face is four tokens in ${TOKENS_PATH}: --font-${role}-family: "Name"; --font-${role}-files: "@fontsource/name" (an installed package); --font-${role}-weights: 400 700; --font-${role}-italics: none (or weights)`;

/**
 * The brand for a build, read once: undefined when tokens.css cannot be read or parsed (the style
 * check reports that at its place; a missing file is reported here) or a token is wrong (reported
 * at the token).
 */
export function loadBrand(root: string, diagnostics: DiagnosticList): Brand | undefined {
  try {
    return readBrand(root);
  } catch (e) {
    if (e instanceof BrandTokenError) e.diagnostics.forEach((d) => diagnostics.add(d));
    else if (e instanceof ProjectFileError && e.problem === 'missing') diagnostics.error(TOKENS_PATH, 1, 1, `${TOKENS_PATH} is missing`, 'the brand (colours, faces, page) is defined there: restore it', 'brand-token');
    else if (!(e instanceof ProjectFileError || e instanceof CssSyntaxError)) throw e;
    return undefined;
  }
}

/** Reads and checks the brand of the project at `root`. */
export function readBrand(root: string): Brand {
  return parseBrand(readProjectFileSync(root, TOKENS_PATH));
}

/** The brand of tokens.css's text; a token that is missing or malformed is a BrandTokenError at its line and column. */
export function parseBrand(css: string): Brand {
  const tokens = parseBrandTokens(css);
  const fail = (name: string, message: string, hint: string): never => {
    throw new BrandTokenError({ file: TOKENS_PATH, ...tokens.place(name), severity: 'error', message, hint, ruleId: 'brand-token' });
  };
  const specs = Object.fromEntries(FACE_ROLES.map((role) => [role, faceSpec(tokens, role, fail)])) as Record<FaceRole, FaceSpec>;
  const fallbackKinds = {
    text: stackKind(tokens, 'text', specs.text.family, fail),
    sans: stackKind(tokens, 'sans', specs.sans.family, fail),
    mono: stackKind(tokens, 'mono', specs.mono.family, fail),
  };
  // One package, one family: two roles may share a face, but not call it by two names.
  for (const role of FACE_ROLES) {
    const other = FACE_ROLES.find((r) => specs[r].pkg === specs[role].pkg && specs[r].family !== specs[role].family);
    if (other) fail(`font-${role}-family`, `--font-${role}-family is "${specs[role].family}" but --font-${other}-family calls @fontsource/${specs[role].pkg} "${specs[other].family}"`, 'roles that share a package share its face: give them the same family name');
  }
  const fonts = brandFaces(specs, fallbackKinds);
  // Every file the faces name must be in its package: a weight it does not have is the author's error, at the weights.
  for (const face of fonts.faces) {
    const role = FACE_ROLES.find((r) => specs[r].pkg === face.pkg && specs[r].subsets.includes(face.subset) && (face.style === 'italic' ? specs[r].italics : specs[r].weights).includes(face.weight))!;
    if (!existsSync(join(fontPackageDir(face.pkg)!, face.file))) {
      fail(`font-${role}-${face.style === 'italic' ? 'italics' : 'weights'}`, `@fontsource/${face.pkg} has no ${face.style} ${face.weight} ${face.subset} face (${face.file})`, `name only weights the package has: see the files in node_modules/@fontsource/${face.pkg}/files/`);
    }
  }
  return Object.freeze({ tokens: Object.freeze(tokens), fonts: deepFreeze(fonts), page: deepFreeze(printedPage(tokens, fail)) });
}

type Fail = (name: string, message: string, hint: string) => never;

function faceSpec(tokens: BrandTokens, role: FaceRole, fail: Fail): FaceSpec {
  const token = (suffix: string) => `font-${role}-${suffix}`;
  const required = (suffix: string) => {
    if (!tokens.all.has(token(suffix))) fail(token(suffix), `the :root rule defines no --${token(suffix)}`, ROLE_HINT(role));
    return tokens.value(token(suffix));
  };
  const family = familyName(required('family'));
  if (!family) fail(token('family'), `--${token('family')} is ${tokens.value(token('family'))}, not one family name`, `write the face's family in quotes: --${token('family')}: "Source Serif 4"`);
  const files = familyName(required('files')) ?? '';
  const pkg = /^@fontsource\/([a-z0-9-]+)$/.exec(files)?.[1];
  if (!pkg) fail(token('files'), `--${token('files')} is ${tokens.value(token('files'))}, not an @fontsource package`, `the faces' files come from an @fontsource package in package.json's dependencies: --${token('files')}: "@fontsource/inter"`);
  if (!fontPackageDir(pkg!)) fail(token('files'), `${files} is not installed`, `if package.json lists it, run npm ci; otherwise add it (npm install ${files}) or name an installed package`);
  const weights = weightList(tokens, token('weights'), required('weights'), false, fail);
  const italics = weightList(tokens, token('italics'), required('italics'), true, fail);
  const subsets = tokens.all.has(token('subsets')) ? subsetList(tokens, token('subsets'), fail) : (['latin', 'latin-ext'] as const);
  const range = tokens.all.has(token('range')) ? tokens.value(token('range')) : undefined;
  if (range !== undefined && !/^U\+[0-9A-F?]{1,6}(-[0-9A-F]{1,6})?(\s*,\s*U\+[0-9A-F?]{1,6}(-[0-9A-F]{1,6})?)*$/i.test(range)) {
    fail(token('range'), `--${token('range')} is ${range}, not a unicode-range`, 'write the characters the face serves as a CSS unicode-range: U+2190-21FF, U+2200-22FF');
  }
  return { family: family!, pkg: pkg!, weights, italics, subsets, ...(range ? { range } : {}) };
}

/** One family name: a quoted string, or words (an unquoted name); undefined for anything else (a list). */
function familyName(value: string): string | undefined {
  const nodes = valueParser(value).nodes.filter((n) => n.type !== 'space');
  if (nodes.length === 1 && nodes[0]!.type === 'string') return nodes[0]!.value.trim() || undefined;
  if (nodes.length > 0 && nodes.every((n) => n.type === 'word')) return nodes.map((n) => n.value).join(' ');
  return undefined;
}

function weightList(tokens: BrandTokens, name: string, value: string, noneAllowed: boolean, fail: Fail): number[] {
  if (noneAllowed && value.trim() === 'none') return [];
  const words = value.trim().split(/\s+/);
  const weights = words.map(Number);
  if (weights.some((w) => !Number.isInteger(w) || w < 100 || w > 900 || w % 100 !== 0) || new Set(weights).size !== weights.length) {
    fail(name, `--${name} is ${tokens.value(name)}, not a list of font weights`, `write the weights the editions use, each once, from 100 to 900 in hundreds, separated by spaces: 400 700${noneAllowed ? ' (or none)' : ''}`);
  }
  return weights;
}

function subsetList(tokens: BrandTokens, name: string, fail: Fail): Subset[] {
  const words = tokens.value(name).trim().split(/\s+/);
  if (words.some((w) => w !== 'latin' && w !== 'latin-ext')) fail(name, `--${name} is ${tokens.value(name)}: the faces' subsets are latin and latin-ext`, 'write latin, latin-ext or both, separated by a space');
  return words as Subset[];
}

const GENERIC_KINDS: Record<string, SystemKind> = { serif: 'serif', 'sans-serif': 'sans', monospace: 'mono' };

/**
 * A role's font stack (`--font-text`) must open with its face (else the face is carried but
 * never used) and end with a generic family, which picks the system font its metric-matched
 * fallback is made from (fallback-faces.ts).
 */
function stackKind(tokens: BrandTokens, role: Exclude<FaceRole, 'symbols'>, family: string, fail: Fail): SystemKind {
  const name = `font-${role}`;
  const stack = tokens.value(name);
  const parts = stack.split(',').map((p) => p.trim());
  const first = parts[0]!;
  if (first !== `var(--font-${role}-family)` && familyName(first) !== family) {
    fail(name, `--${name} does not start with the ${role} face (${family})`, `start the stack with var(--font-${role}-family), the face the editions carry`);
  }
  const kind = GENERIC_KINDS[parts.at(-1)!.toLowerCase()];
  if (!kind) fail(name, `--${name} ends with ${parts.at(-1)}, not serif, sans-serif or monospace`, 'end the stack with the generic family it is closest to: its metric-matched fallback is made from that kind of system font (Times New Roman, Arial, Courier New)');
  return kind!;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
