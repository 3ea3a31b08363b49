import type { Element } from 'xast';

/** The smallest text a reader is shown in a drawing, in CSS px (a phone's body text is 15 px). */
export const MIN_TEXT_PX = 12;
/** SVG's initial font-size, for text with none of its own or inherited. */
const INITIAL_FONT_SIZE = 16;

/**
 * The narrowest width, in CSS px, at which a drawing's smallest text is still MIN_TEXT_PX: its
 * viewBox width scaled by MIN_TEXT_PX over its smallest font-size (each <text>'s own or
 * inherited presentation attribute, in user units or px). Undefined for a drawing with no text,
 * no viewBox, or a font-size given in another unit (it cannot be known before layout). A
 * transform that scales text is not followed: the house drawings set their text unscaled.
 */
export function legibleWidth(svg: Element): number | undefined {
  const viewBox = String(svg.attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  const width = viewBox[2];
  if (viewBox.length !== 4 || !Number.isFinite(width) || width! <= 0) return undefined;
  let smallest = Number.POSITIVE_INFINITY;
  let unknown = false;
  const walk = (node: Element, inherited: number) => {
    const own = node.attributes['font-size'];
    let size = inherited;
    if (own !== undefined && own !== null) {
      const m = /^\s*(\d+(?:\.\d+)?)(px)?\s*$/.exec(String(own));
      if (m) size = Number(m[1]);
      else unknown = true;
    }
    if (node.name === 'text' || node.name === 'tspan') smallest = Math.min(smallest, size);
    for (const child of node.children) if (child.type === 'element') walk(child, size);
  };
  walk(svg, INITIAL_FONT_SIZE);
  if (unknown || smallest === Number.POSITIVE_INFINITY) return undefined;
  return Math.ceil((width! * MIN_TEXT_PX) / smallest);
}
