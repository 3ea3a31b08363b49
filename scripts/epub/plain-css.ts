import postcss, { type Declaration, type Root } from 'postcss';
import valueParser from 'postcss-value-parser';

/**
 * The ePub's style sheet with every custom property replaced by its value. Older reading
 * engines (calibre's conversion to AZW3, which is what Kindle's pipeline resembles, Adobe
 * RMSDK) reject `var()` as a syntax error and drop the whole declaration: fonts, sizes,
 * colours and rules were lost. The values come from the same tokens (the `:root` rules of
 * tokens.css, overridden by the edition's own `:root`), so the brand still lives in one place.
 * Custom properties set anywhere but a top-level `:root` (the web edition's dark scheme in
 * an @media block) do not apply to the ePub and are dropped with their rules.
 */
export function plainCss(css: string, from = 'style.css'): string {
  const root = postcss.parse(css, { from });
  const tokens = new Map<string, string>();
  root.each((node) => {
    if (node.type !== 'rule' || node.selector.trim() !== ':root') return;
    node.each((d) => {
      if (d.type === 'decl' && d.prop.startsWith('--')) tokens.set(d.prop, d.value.trim());
    });
  });
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) decl.remove();
  });
  const problems: string[] = [];
  root.walkDecls((decl) => {
    decl.value = resolve(decl, decl.value, tokens, [], problems);
  });
  if (problems.length > 0) throw new Error(`the ePub style sheet uses custom properties it does not define:\n${problems.join('\n')}`);
  removeEmpty(root);
  return root.toString();
}

function resolve(decl: Declaration, value: string, tokens: ReadonlyMap<string, string>, seen: readonly string[], problems: string[]): string {
  const parsed = valueParser(value);
  parsed.walk((node) => {
    if (node.type !== 'function' || node.value !== 'var') return;
    const [name, , ...fallback] = node.nodes;
    const prop = name?.type === 'word' ? name.value : '';
    let replacement = tokens.get(prop);
    if (replacement === undefined && fallback.length > 0) replacement = valueParser.stringify(fallback);
    if (replacement === undefined || seen.includes(prop)) {
      const at = decl.source?.start;
      problems.push(`  ${decl.source?.input.from ?? 'style.css'}:${at?.line ?? 0}:${at?.column ?? 0}: ${decl.prop}: ${value} (${seen.includes(prop) ? 'circular' : 'undefined'} ${prop})`);
      replacement = 'initial';
    } else {
      replacement = resolve(decl, replacement, tokens, [...seen, prop], problems);
    }
    // A word node stringifies as its value: the function becomes its resolved text.
    Object.assign(node, { type: 'word', value: replacement, nodes: undefined });
    return false;
  });
  return valueParser.stringify(parsed.nodes);
}

/** Rules and at-rules left with nothing in them (the `:root` token blocks). */
function removeEmpty(root: Root): void {
  let removed = true;
  while (removed) {
    removed = false;
    root.walk((node) => {
      if ((node.type === 'rule' || (node.type === 'atrule' && node.name !== 'font-face' && node.nodes !== undefined)) && node.nodes!.length === 0) {
        node.remove();
        removed = true;
      }
    });
  }
}
