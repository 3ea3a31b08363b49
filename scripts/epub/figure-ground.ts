import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

/**
 * Gives each drawn figure (inline SVG) a white ground painted inside the drawing. Night and
 * sepia modes strip CSS backgrounds, which left the figures' dark labels on a black page;
 * a rectangle in the SVG is part of the picture and stays. The figure's SVG is parsed into a
 * tree (it arrives as raw markup), so the ground goes first, under everything drawn.
 */
export function paintFigureGround(body: Element): void {
  visit(body, 'element', (graphic: Element) => {
    const cls = (graphic.properties.className as string[] | undefined) ?? [];
    if (!cls.includes('figure-graphic')) return;
    graphic.children = graphic.children.flatMap((child) => {
      if ((child as { type: string }).type !== 'raw') return [child];
      const tree = fromHtml((child as unknown as { value: string }).value, { fragment: true });
      const svg = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
      if (!svg) throw new Error('a drawn figure holds no SVG');
      svg.children.unshift(h('rect', { width: '100%', height: '100%', fill: '#ffffff' }) as unknown as ElementContent);
      return tree.children as ElementContent[];
    });
  });
}
