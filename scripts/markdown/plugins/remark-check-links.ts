import type { Definition, Link, LinkReference, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** Schemes a reader may follow from every edition; anything else (javascript:, vbscript:, data:, file:…) is refused. */
const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const HINT = 'a link goes to a section of the book ([text](#heading-id)), a web page (https://…) or an e-mail address (mailto:…)';
/** Only to resolve relative references: it never appears in an output. */
const PROBE_BASE = 'https://book.invalid/chapter/';

/**
 * Every link of the chapter, inline `[t](url)`, autolink `<url>`, bare URL (GFM) or reference
 * `[t][ref]` (checked at its definition), is parsed with the URL parser, so a scheme is read as
 * a browser reads it (any case, entities decoded, tabs and newlines dropped). Allowed: http,
 * https, mailto, and `#id` links inside the book (rehype-chapter-ids checks the section exists).
 * A relative link to a file would point at nothing in the web edition and the ePub, and at the
 * build machine's own disk (file://…) in the PDF: refused too.
 */
export default function remarkCheckLinks() {
  return (tree: Root, file: VFile) => {
    const definitions = new Map<string, Definition>();
    visit(tree, 'definition', (d: Definition) => {
      if (!definitions.has(d.identifier)) definitions.set(d.identifier, d);
    });
    const checked = new Set<Definition>();
    visit(tree, (node) => {
      if (node.type === 'link') check(file, node.url, node);
      if (node.type === 'linkReference') {
        const d = definitions.get((node as LinkReference).identifier);
        if (d && !checked.has(d)) {
          checked.add(d);
          check(file, d.url, d);
        }
      }
    });
  };
}

function check(file: VFile, url: string, node: Link | Definition): void {
  const problem = linkProblem(url);
  if (!problem) return;
  const m = file.message(`link "${shorten(url)}" ${problem}`, { place: node.position, ruleId: 'link', source: 'ptr' });
  m.fatal = true;
  m.note = HINT;
}

/** Why a link may not appear in the book, or undefined when it may. */
export function linkProblem(url: string): string | undefined {
  if (url.trim() === '') return 'is empty';
  if (URL.canParse(url)) {
    const { protocol } = new URL(url);
    return ALLOWED_SCHEMES.has(protocol) ? undefined : `uses the ${protocol} scheme, which is not allowed`;
  }
  const resolved = new URL(url, PROBE_BASE);
  if (resolved.host !== new URL(PROBE_BASE).host) return 'has no scheme (//host…): write https://';
  const inPage = new URL('', PROBE_BASE);
  if (resolved.pathname === inPage.pathname && resolved.search === '') return resolved.hash.length > 1 ? undefined : 'names no section (write #heading-id)';
  return 'points to a file that is not part of the book';
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}…` : url;
}
