import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../diagnostics/project-files.js';
import { bookSchema, type BookConfigInput } from './book-schema.js';
import { parseYamlSource } from './yaml-source.js';
import { reportZodIssues } from './report-zod-issues.js';

/** The resolved, immutable configuration of one build. */
export interface BookConfig extends Readonly<BookConfigInput> {
  /** Absolute project root. */
  readonly root: string;
  /** Path of book.yaml relative to root, for messages. */
  readonly configPath: string;
  /** Modification date used for every output (SOURCE_DATE_EPOCH wins over `date`). */
  readonly modified: Date;
  /** Where each chapter is listed in book.yaml, for messages about that chapter. */
  readonly chapterPositions: ReadonlyArray<{ line: number; column: number }>;
  /** Where `press: profile:` is, for messages about the profile. */
  readonly pressProfilePosition?: { line: number; column: number };
}

export const BOOK_CONFIG_PATH = 'manuscript/book.yaml';

export async function loadBookConfig(root: string, env: NodeJS.ProcessEnv = process.env): Promise<BookConfig> {
  const diagnostics = new DiagnosticList();
  let text: string;
  try {
    text = await readProjectFile(root, BOOK_CONFIG_PATH, 'utf8');
  } catch (e) {
    if (e instanceof ProjectFileError && e.problem !== 'missing') diagnostics.error(BOOK_CONFIG_PATH, 1, 1, e.message, e.hint, e.ruleId);
    else diagnostics.error(BOOK_CONFIG_PATH, 1, 1, 'book.yaml not found', 'every book needs manuscript/book.yaml: see README.md', 'config');
    diagnostics.throwIfErrors();
    throw new Error('unreachable');
  }
  const source = parseYamlSource(text, BOOK_CONFIG_PATH, diagnostics);
  diagnostics.throwIfErrors();
  const parsed = bookSchema.safeParse(source!.value);
  if (!parsed.success) reportZodIssues(parsed.error.issues, source!, diagnostics, 'see the book.yaml fields in README.md');
  diagnostics.throwIfErrors();
  const book = parsed.data!;
  const seen = new Set<string>();
  book.chapters.forEach((c, i) => {
    if (seen.has(c)) {
      const p = source!.positionOf(['chapters', i]);
      diagnostics.error(BOOK_CONFIG_PATH, p.line, p.column, `chapter ${c} is listed twice`, 'each chapter appears once in the order', 'config');
    }
    seen.add(c);
  });
  diagnostics.throwIfErrors();
  const chapterPositions = book.chapters.map((_, i) => source!.positionOf(['chapters', i]));
  const pressProfilePosition = book.press?.profile ? source!.positionOf(['press', 'profile']) : undefined;
  return deepFreeze({ ...book, root, configPath: BOOK_CONFIG_PATH, modified: resolveModified(book.date, env), chapterPositions, pressProfilePosition });
}

/** SOURCE_DATE_EPOCH (seconds) makes rebuilds reproducible; otherwise the book's own date. */
function resolveModified(date: string, env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${date}T00:00:00Z`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
