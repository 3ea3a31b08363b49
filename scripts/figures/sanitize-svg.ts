import type { Element, ElementContent, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { legibleWidth } from './legible-width.js';
import { LIMITS_HINT, scanSvgMarkup, svgLimitFindings } from './svg-limits.js';
import {
  LOCAL_HREF_ELEMENTS, REFUSED_ELEMENTS, SVG_ELEMENTS, SVG_NAMESPACE, XLINK_NAMESPACE,
  isAllowedAttribute, isEventAttribute,
} from './svg-allowlist.js';

/** One thing found in a figure's SVG, at its place in the SVG file. */
export interface SvgFinding {
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint: string;
}

export interface SanitizedSvg {
  /** The figure as it may be inlined, ids prefixed; undefined when it was refused. */
  readonly svg: string | undefined;
  /** Errors (the figure is refused) and warnings (something was removed). */
  readonly findings: readonly SvgFinding[];
  /** The narrowest width (CSS px) at which its smallest text stays legible (legible-width.ts). */
  readonly legibleWidth?: number;
}

const STATIC_HINT = 'figures must be static SVG drawings: remove it from the SVG file (or export the figure again as plain SVG)';
const LOCAL_HINT = 'a figure may refer only to its own elements (href="#id", fill="url(#id)"): draw or define what it points at inside the figure';
/** CSS functions a paint, length or transform value may use; `url()` is checked on its own. */
const VALUE_FUNCTIONS = new Set([
  'url', 'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'calc', 'min', 'max', 'clamp', 'var',
  'matrix', 'translate', 'translatex', 'translatey', 'scale', 'scalex', 'scaley', 'rotate', 'skewx', 'skewy',
]);

/**
 * Parses a figure as XML and keeps only static SVG drawing (svg-allowlist.ts): comments, the
 * XML declaration and the doctype go; unknown elements and attributes are removed with a
 * warning; script, event handlers, embedded documents, animation, style sheets and any
 * reference that leaves the figure refuse it. Ids get `idPrefix` (with every reference to
 * them) so several figures can share one page.
 */
export function sanitizeSvg(text: string, idPrefix: string): SanitizedSvg {
  const findings: SvgFinding[] = [];
  // Bounded before the parser builds the tree (config/limits.ts).
  const bound = scanSvgMarkup(text);
  if (bound) return { svg: undefined, findings: [{ ...bound, severity: 'error', hint: LIMITS_HINT }] };
  let tree: Root;
  try {
    tree = fromXml(text);
  } catch (e) {
    const place = (e as { place?: { line?: number; column?: number } }).place;
    const reason = ((e as { cause?: Error }).cause?.message ?? String(e)).split('\n')[0]!.replace(/ \(line \d+, column \d+\)$/, '');
    findings.push({ line: place?.line ?? 1, column: place?.column ?? 1, severity: 'error', message: `the figure is not well-formed XML: ${reason}`, hint: 'open the SVG file in a drawing program or a browser and save it again' });
    return { svg: undefined, findings };
  }
  const roots = tree.children.filter((n): n is Element => n.type === 'element');
  const root = roots[0];
  if (roots.length !== 1 || root!.name !== 'svg') {
    const at = root?.position?.start;
    findings.push({ line: at?.line ?? 1, column: at?.column ?? 1, severity: 'error', message: `the figure's root element is <${root?.name ?? 'nothing'}>, not <svg>`, hint: 'a figure is one <svg> element' });
    return { svg: undefined, findings };
  }
  // Bounded before the (recursive) walk below and before any browser lays the drawing out.
  const bounds = svgLimitFindings(root!);
  if (bounds.length > 0) return { svg: undefined, findings: bounds };
  const kept = sanitizeElement(root!, findings, idPrefix);
  if (findings.some((f) => f.severity === 'error')) return { svg: undefined, findings };
  const out: Root = { type: 'root', children: kept ? [kept] : [] };
  return { svg: toXml(out, { closeEmptyElements: true, tightClose: true, allowDangerousXml: true }), findings, legibleWidth: kept ? legibleWidth(kept) : undefined };
}

function sanitizeElement(node: Element, findings: SvgFinding[], prefix: string): Element | undefined {
  const at = node.position?.start ?? { line: 1, column: 1 };
  const report = (severity: SvgFinding['severity'], message: string, hint: string) =>
    findings.push({ line: at.line, column: at.column, severity, message, hint });
  const refused = REFUSED_ELEMENTS.get(node.name);
  if (refused) {
    report('error', `<${node.name}> ${refused}: the figure is refused`, STATIC_HINT);
    return undefined;
  }
  if (!SVG_ELEMENTS.has(node.name)) {
    report('warning', `<${node.name}> is not part of a static SVG drawing and was removed`, 'remove it from the SVG file to silence this warning');
    return undefined;
  }
  const attributes: Record<string, string> = {};
  for (const [name, raw] of Object.entries(node.attributes)) {
    const value = String(raw ?? '');
    if (isEventAttribute(name)) {
      report('error', `attribute ${name} on <${node.name}> is an event handler: the figure is refused`, STATIC_HINT);
    } else if (name === 'href' || name === 'xlink:href') {
      if (!LOCAL_HREF_ELEMENTS.has(node.name) || !isLocalReference(value)) {
        report('error', `${name}="${value}" on <${node.name}> points outside the figure: the figure is refused`, LOCAL_HINT);
      } else attributes[name] = `#${prefix}${value.slice(1)}`;
    } else if (name === 'xmlns' && value !== SVG_NAMESPACE) {
      report('error', `the figure's namespace is "${value}", not SVG's`, `write xmlns="${SVG_NAMESPACE}"`);
    } else if (name === 'xmlns:xlink' && value !== XLINK_NAMESPACE) {
      report('warning', `xmlns:xlink="${value}" is not the XLink namespace and was removed`, `write xmlns:xlink="${XLINK_NAMESPACE}"`);
    } else if (!isAllowedAttribute(name)) {
      report('warning', `attribute ${name} on <${node.name}> is not part of a static SVG drawing and was removed`, 'remove it from the SVG file to silence this warning');
    } else {
      // Accessibility text is text: it loads nothing, whatever it says.
      const problem = name.startsWith('aria-') ? undefined : valueProblem(name, value);
      if (problem?.severity === 'error') report('error', `${name}="${value}" on <${node.name}> ${problem.message}: the figure is refused`, LOCAL_HINT);
      else if (problem) report('warning', `${name}="${value}" on <${node.name}> ${problem.message} and was removed`, 'write the style as presentation attributes (fill, stroke, font-size…)');
      else attributes[name] = prefixIds(name, value, prefix);
    }
  }
  const children: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === 'element') {
      const kept = sanitizeElement(child, findings, prefix);
      if (kept) children.push(kept);
    } else if (child.type === 'text' || child.type === 'cdata') children.push(textContent(child.value));
    // Comments and processing instructions are editors' notes: dropped.
  }
  return { type: 'element', name: node.name, attributes, children };
}

/**
 * Text (a CDATA section's too) as escaped character data. The serializer escapes `&` and `<`
 * only, so text holding `]]>` (written `]]&gt;` in the file) came out as `]]>`, which XML forbids
 * in character data: resvg and XHTML readers then refused the whole document. `>` is escaped too.
 */
function textContent(value: string): ElementContent {
  const escaped = toXml({ type: 'text', value }).replaceAll('>', '&gt;');
  return { type: 'raw', value: escaped };
}

/** `#id`, and nothing that a URL parser would read as another document. */
function isLocalReference(value: string): boolean {
  return /^#[A-Za-z_][\w.:-]*$/.test(value);
}

/**
 * Any CSS function in a value must be a colour, length or transform function, and `url()` may
 * only name an element of the figure; a backslash (a CSS escape could spell `url` another way)
 * or an at-sign is refused. A `style` attribute may set presentation properties only.
 */
function valueProblem(name: string, value: string): { severity: 'error' | 'warning'; message: string } | undefined {
  if (/[\\@<]/.test(value)) return { severity: 'error', message: 'holds a CSS escape, an at-rule or markup' };
  for (const m of value.matchAll(/([A-Za-z-]+)\s*\(/g)) {
    const fn = m[1]!.toLowerCase();
    if (!VALUE_FUNCTIONS.has(fn)) return { severity: 'error', message: `uses ${fn}(), which can load files or is not a drawing value` };
    if (fn === 'url' && !/^url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)/i.test(value.slice(m.index))) {
      return { severity: 'error', message: 'loads a URL from outside the figure' };
    }
  }
  if (name === 'style') {
    for (const declaration of value.split(';')) {
      if (declaration.trim() === '') continue;
      const property = declaration.split(':')[0]!.trim().toLowerCase();
      if (!isAllowedAttribute(property) || property === 'style' || !declaration.includes(':')) {
        return { severity: 'warning', message: `sets "${property}", which is not a presentation property` };
      }
    }
  }
  return undefined;
}

/** Ids like `t` and `d` repeat across figures: prefix them, and every reference to them. */
function prefixIds(name: string, value: string, prefix: string): string {
  if (name === 'id') return prefix + value;
  if (name === 'aria-labelledby' || name === 'aria-describedby') return value.split(/\s+/).filter(Boolean).map((id) => prefix + id).join(' ');
  return value.replace(/url\(\s*(["']?)#/gi, (_, quote: string) => `url(${quote}#${prefix}`);
}
