import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'book');
const REPO = join(import.meta.dirname, '..', '..');

/**
 * A fresh copy of the small fixture book in a temp folder, with the repository's styles and
 * chart theme, ready to build. `edit` changes files (relative path → new content, or a function).
 */
export async function makeFixtureBook(edit: Record<string, string | ((old: string) => string) | null> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ptr-fixture-'));
  await cp(FIXTURE, root, { recursive: true });
  await cp(join(REPO, 'styles'), join(root, 'styles'), { recursive: true });
  await cp(join(REPO, 'charts', 'theme.json'), join(root, 'charts', 'theme.json'));
  for (const [path, change] of Object.entries(edit)) {
    const full = join(root, path);
    if (change === null) {
      const { rm } = await import('node:fs/promises');
      await rm(full, { force: true });
    } else {
      const next = typeof change === 'function' ? change(await readFile(full, 'utf8')) : change;
      await writeFile(full, next);
    }
  }
  return root;
}

/** A chapter file for a fixture book: the front matter every fixture essay needs (one author), then `body`. */
export function fixtureChapter(title: string, short: string, body: string): string {
  return `---\ntitle: "${title}"\nshort: ${short}\nkind: essay\npart: 1\nauthors:\n  - name: Test Press\n    role: Fixture Author\n    affiliation: Test Press\n---\n\n${body}`;
}

/** The edits that add `chapter` as the fixture book's fourth chapter file, after the survey. */
export function addedChapter(file: string, chapter: string): Record<string, string | ((old: string) => string)> {
  return { [`manuscript/${file}`]: chapter, 'manuscript/book.yaml': (old) => old.replace('  - 03-survey.md', `  - 03-survey.md\n  - ${file}`) };
}
