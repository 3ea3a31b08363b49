import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** MARC relator codes: essay authors (aut) and the experts who wrote the commentaries (cwt). */
export type ContributorRole = 'aut' | 'cwt';

export interface Contributor {
  readonly name: string;
  readonly roles: readonly ContributorRole[];
}

const ROLE_OF_CLASS: Record<string, ContributorRole> = { 'author-name': 'aut', 'byline-name': 'cwt' };

/**
 * The people named in the chapters, for the package's dc:contributor entries: each essay's
 * authors and each commentary's expert, in reading order, once each with all their roles.
 * The book's own creator (book.yaml `authors`) stays dc:creator.
 */
export function bookContributors(bodies: readonly Element[]): Contributor[] {
  const roles = new Map<string, ContributorRole[]>();
  for (const body of bodies) {
    visit(body, 'element', (el: Element) => {
      const cls = (el.properties.className as string[] | undefined) ?? [];
      const role = cls.map((c) => ROLE_OF_CLASS[c]).find((r) => r !== undefined);
      const name = toString(el).trim();
      if (!role || !name) return;
      const list = roles.get(name) ?? [];
      if (!list.includes(role)) list.push(role);
      roles.set(name, list);
    });
  }
  return [...roles].map(([name, r]) => ({ name, roles: r }));
}
