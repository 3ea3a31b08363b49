import { VFile } from 'vfile';
import type { BookConfig } from '../config/load-book.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { reportZodIssues } from '../config/report-zod-issues.js';
import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, listProjectDir, readProjectFile } from '../diagnostics/project-files.js';
import { frontMatterSchema, type FrontMatter } from './front-matter-schema.js';
import { typographic } from './typographic.js';
import { RESERVED_NAMES, reservedFor } from './edition-names.js';
import { checkForbiddenCharacters, checkFrontMatterBidi } from '../config/check-source-characters.js';

/** A chapter source read from disk, with validated front matter. */
export interface ChapterSource {
  /** `adjacent-possibilities` for `02-adjacent-possibilities.md`. */
  readonly id: string;
  /** Path relative to the project root, for messages. */
  readonly path: string;
  readonly meta: FrontMatter;
  readonly file: VFile;
  /** Position in the book, 0-based. */
  readonly index: number;
}

const MANUSCRIPT = 'manuscript';
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

export function chapterIdOf(fileName: string): string {
  return fileName.replace(/^\d{2,3}-/, '').replace(/\.md$/, '');
}

export async function loadChapters(book: BookConfig, signal?: AbortSignal): Promise<ChapterSource[]> {
  const diagnostics = new DiagnosticList();
  await reportUnlistedChapters(book, diagnostics);
  reportDuplicateIds(book, diagnostics);
  const chapters: ChapterSource[] = [];
  for (const [index, name] of book.chapters.entries()) {
    signal?.throwIfAborted();
    const path = `${MANUSCRIPT}/${name}`;
    const chapter = await readChapter(book.root, path, name, index, diagnostics, book);
    if (chapter) chapters.push(chapter);
  }
  diagnostics.throwIfErrors();
  return chapters;
}

async function reportUnlistedChapters(book: BookConfig, diagnostics: DiagnosticList): Promise<void> {
  const listed = new Set(book.chapters);
  const present = (await listProjectDir(book.root, MANUSCRIPT)).filter((f) => /^\d{2,3}-.*\.md$/.test(f)).sort();
  for (const f of present) {
    if (!listed.has(f)) {
      diagnostics.error(`${MANUSCRIPT}/${f}`, 1, 1, `chapter file ${f} is not in the chapter order`, `add it to \`chapters\` in ${book.configPath}, or rename it so it does not start with NN-`, 'chapter-order');
    }
  }
}

/**
 * A chapter's id (its file name without the number) names its web page, its sharing image and its
 * ePub file, and prefixes every heading id of the chapter (`<id>--<heading>`). Two chapters may
 * not share one (nor differ only by case: one file on macOS and Windows), a chapter may not take
 * a name an edition uses for its own pages (edition-names.ts), and `--` stays the separator.
 */
function reportDuplicateIds(book: BookConfig, diagnostics: DiagnosticList): void {
  const first = new Map<string, string>();
  book.chapters.forEach((name, i) => {
    const id = chapterIdOf(name);
    const at = book.chapterPositions[i]!;
    const problem = chapterIdProblem(id);
    if (problem) diagnostics.error(book.configPath, at.line, at.column, `chapter ${name}: ${problem.message}`, problem.hint, 'chapter-id');
    const other = first.get(id.toLowerCase());
    if (other === undefined) first.set(id.toLowerCase(), name);
    else if (other !== name) {
      const same = chapterIdOf(other) === id ? `the same id "${id}"` : `ids that differ only by case ("${chapterIdOf(other)}", "${id}")`;
      diagnostics.error(book.configPath, at.line, at.column, `chapters ${other} and ${name} have ${same}`, 'the id (the file name without its number) prefixes every heading id and link of the chapter: rename one of them', 'chapter-id');
    }
  });
}

/** Why a chapter id cannot be used, if it cannot. */
export function chapterIdProblem(id: string): { message: string; hint: string } | undefined {
  const reserved = reservedFor(id);
  if (reserved !== undefined) {
    return {
      message: `the chapter id "${id}" is a name the editions use for ${reserved}`,
      hint: `rename the file (e.g. NN-${id}-chapter.md); the editions reserve ${[...RESERVED_NAMES.keys()].sort().join(', ')}`,
    };
  }
  if (id.includes('--') || id.startsWith('-') || id.endsWith('-')) {
    return {
      message: `the chapter id "${id}" ${id.includes('--') ? 'holds "--"' : 'starts or ends with a hyphen'}`,
      hint: '"--" separates a chapter\'s id from its headings\' (`<chapter>--<heading>`): join the words of the file name with single hyphens',
    };
  }
  return undefined;
}

async function readChapter(
  root: string, path: string, name: string, index: number, diagnostics: DiagnosticList, book: BookConfig,
): Promise<ChapterSource | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readProjectFile(root, path);
  } catch (e) {
    const at = book.chapterPositions[index]!;
    if (e instanceof ProjectFileError && e.problem !== 'missing') diagnostics.error(book.configPath, at.line, at.column, `chapter ${e.message}`, e.hint, e.ruleId);
    else diagnostics.error(book.configPath, at.line, at.column, `chapter file ${path} does not exist`, 'create the file or remove it from the chapter order', 'chapter-missing');
    return undefined;
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    diagnostics.error(path, 1, 1, 'the file is not valid UTF-8', 'save it as UTF-8 (without a BOM) in your editor', 'encoding');
    return undefined;
  }
  const clean = checkForbiddenCharacters(text, path, diagnostics);
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    diagnostics.error(path, 1, 1, 'missing front matter', 'start the chapter with a `---` block holding at least `title:` and `kind:`', 'front-matter');
    return undefined;
  }
  const yamlStart = match[0].indexOf(match[1]!);
  checkFrontMatterBidi(text, yamlStart, yamlStart + match[1]!.length, path, diagnostics);
  // The Markdown parser would publish a NUL as U+FFFD: a chapter holding one goes no further.
  if (!clean) return undefined;
  const source = parseYamlSource(match[1]!, path, diagnostics, 1);
  if (!source) return undefined;
  const parsed = frontMatterSchema.safeParse(source.value ?? {});
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, source, diagnostics, 'see "Front matter" in manuscript/AUTHORING.md');
    return undefined;
  }
  const body = text.slice(match[0].length);
  if (parsed.data.kind !== 'part' && body.trim() === '') {
    diagnostics.error(path, 1, 1, 'the chapter has no text', 'write the chapter below its front matter, or remove it from the chapter order', 'empty-chapter');
  }
  const file = new VFile({ path, value: text });
  const m = parsed.data;
  const meta: FrontMatter = {
    ...m,
    title: typographic(m.title),
    short: m.short === undefined ? undefined : typographic(m.short),
    subtitle: m.subtitle === undefined ? undefined : typographic(m.subtitle),
  };
  return { id: chapterIdOf(name), path, meta, file, index };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
