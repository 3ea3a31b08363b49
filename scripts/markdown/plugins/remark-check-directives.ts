import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { describeCatalog, directiveCatalog } from '../directive-catalog.js';

type Directive = ContainerDirective | LeafDirective | TextDirective;

/**
 * Rejects directives and attributes that are not in the catalog, with a position.
 * A bare `:word` in prose (e.g. "key:value") is text, not a directive: it is put back as text.
 */
export default function remarkCheckDirectives() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      const d = node as Directive;
      const spec = directiveCatalog.get(d.name);
      const attributes = d.attributes ?? {};
      if (d.type === 'textDirective' && !spec && d.children.length === 0 && Object.keys(attributes).length === 0 && parent && index !== undefined) {
        parent.children.splice(index, 1, { type: 'text', value: sourceOf(file, d) ?? `:${d.name}` } as never);
        return SKIP;
      }
      if (!spec) {
        fail(file, d, `unknown directive "${d.name}"`, `the directives are: ${describeCatalog()}`);
        return;
      }
      if (spec.type !== d.type) {
        fail(file, d, `directive "${d.name}" is written the wrong way`, `write it as ${spec.syntax}`);
        return;
      }
      for (const key of Object.keys(attributes)) {
        if (!spec.required.includes(key) && !spec.optional.includes(key)) {
          fail(file, d, `unknown attribute "${key}" on directive "${d.name}"`, `write it as ${spec.syntax}`);
        }
      }
      for (const key of spec.required) {
        if (!Object.hasOwn(attributes, key) || !attributes[key]) fail(file, d, `directive "${d.name}" needs the attribute "${key}"`, `write it as ${spec.syntax}`);
      }
    });
  };
}

/** The text the author wrote (`:word[]` keeps its brackets), when the node has a place. */
function sourceOf(file: VFile, node: Directive): string | undefined {
  const [start, end] = [node.position?.start.offset, node.position?.end.offset];
  return start === undefined || end === undefined ? undefined : String(file.value).slice(start, end);
}

function fail(file: VFile, node: Directive, reason: string, note: string): void {
  const message = file.message(reason, { place: node.position, ruleId: 'directive', source: 'ptr' });
  message.fatal = true;
  message.note = note;
}
