import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

const ID_LISTS = ['ariaLabelledBy', 'ariaDescribedBy', 'ariaControls', 'htmlFor', 'headers'] as const;

/**
 * Chapters number some ids on their own (`commentary-1`), so on the one page holding every
 * chapter they clash. Each clashing id is prefixed with its section's id, and the references
 * to it inside that section follow.
 */
export function uniqueIds(sections: ReadonlyArray<{ id: string; element: Element }>): void {
  const owners = new Map<string, number>();
  const idsOf = sections.map(({ element }) => {
    const ids = new Set<string>();
    visit(element, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    for (const id of ids) owners.set(id, (owners.get(id) ?? 0) + 1);
    return ids;
  });
  sections.forEach(({ id: sectionId, element }, i) => {
    const renamed = new Map([...idsOf[i]!].filter((id) => owners.get(id)! > 1).map((id) => [id, `${sectionId}--${id}`]));
    if (renamed.size === 0) return;
    visit(element, 'element', (node: Element) => {
      const p = node.properties;
      if (typeof p.id === 'string' && renamed.has(p.id)) p.id = renamed.get(p.id)!;
      if (typeof p.href === 'string' && p.href.startsWith('#') && renamed.has(p.href.slice(1))) p.href = `#${renamed.get(p.href.slice(1))}`;
      for (const key of ID_LISTS) {
        const value: unknown = p[key];
        if (Array.isArray(value)) p[key] = value.map((v) => renamed.get(String(v)) ?? v);
        else if (typeof value === 'string') p[key] = value.split(/\s+/).map((v: string) => renamed.get(v) ?? v);
      }
    });
  });
}
