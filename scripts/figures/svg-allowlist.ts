/**
 * What a figure may hold: static SVG drawing. Figures are inlined into the web pages, the ePub
 * and the PDF, so anything that runs, loads or reaches outside the figure is refused, and what
 * is merely unknown (an editor's metadata, its private attributes) is removed with a warning.
 */

/** Elements kept as they are (their attributes are checked one by one). */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'marker', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology',
  'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);

/**
 * Elements that cannot be made safe by removing them quietly: they run script, embed another
 * document or picture, animate (print and most e-readers cannot, and `<set>`/`<animate>` can
 * rewrite `href` or event attributes), link away, or (`<style>`) style the whole page the figure
 * is inlined into. The figure is refused with the reason.
 */
export const REFUSED_ELEMENTS: ReadonlyMap<string, string> = new Map([
  ['script', 'runs script'],
  ['handler', 'runs script'],
  ['listener', 'runs script'],
  ['foreignObject', 'embeds HTML, which can run script'],
  ['iframe', 'embeds another document'],
  ['embed', 'embeds another document'],
  ['object', 'embeds another document'],
  ['image', 'embeds a picture from another file'],
  ['feImage', 'embeds a picture from another file'],
  ['animate', 'animates the figure (it can rewrite links and event attributes; print cannot animate)'],
  ['animateMotion', 'animates the figure (print cannot animate)'],
  ['animateTransform', 'animates the figure (print cannot animate)'],
  ['animateColor', 'animates the figure (print cannot animate)'],
  ['set', 'changes attributes while shown (it can rewrite links and event attributes)'],
  ['discard', 'changes the figure while shown'],
  ['mpath', 'belongs to an animation'],
  ['a', 'is a link; figures are pictures, links belong in the text'],
  ['style', 'is a style sheet: inlined, it would style the whole page and can load files'],
]);

/** Attributes whose value is only geometry, paint, text layout or accessibility text. */
export const SVG_ATTRIBUTES: ReadonlySet<string> = new Set([
  // core and accessibility (aria-* is allowed as a family, see isAllowedAttribute)
  'id', 'class', 'lang', 'xml:lang', 'xml:space', 'role', 'focusable', 'version',
  'xmlns', 'xmlns:xlink',
  // geometry
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points',
  'pathLength', 'viewBox', 'preserveAspectRatio', 'transform', 'gradientTransform', 'gradientUnits',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'spreadMethod', 'offset', 'fx', 'fy', 'fr',
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  'refX', 'refY', 'markerWidth', 'markerHeight', 'markerUnits', 'orient', 'clipPathUnits',
  'maskUnits', 'maskContentUnits', 'filterUnits', 'primitiveUnits',
  // presentation
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color',
  'display', 'visibility', 'overflow', 'clip-path', 'clip-rule', 'mask', 'filter', 'marker-start',
  'marker-mid', 'marker-end', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant',
  'font-stretch', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift',
  'letter-spacing', 'word-spacing', 'text-decoration', 'writing-mode', 'direction', 'unicode-bidi',
  'stop-color', 'stop-opacity', 'shape-rendering', 'text-rendering', 'color-interpolation',
  'color-interpolation-filters', 'flood-color', 'flood-opacity', 'lighting-color', 'paint-order',
  'vector-effect', 'mix-blend-mode', 'isolation', 'style',
  // filter primitives
  'in', 'in2', 'result', 'stdDeviation', 'mode', 'operator', 'k1', 'k2', 'k3', 'k4', 'values', 'type',
  'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'kernelMatrix', 'order', 'divisor',
  'bias', 'targetX', 'targetY', 'edgeMode', 'preserveAlpha', 'radius', 'scale', 'xChannelSelector',
  'yChannelSelector', 'baseFrequency', 'numOctaves', 'seed', 'stitchTiles', 'surfaceScale',
  'diffuseConstant', 'specularConstant', 'specularExponent', 'kernelUnitLength', 'azimuth',
  'elevation', 'z', 'pointsAtX', 'pointsAtY', 'pointsAtZ', 'limitingConeAngle',
]);

/** `href` may point at an element of the same figure (`#id`), and only on these elements. */
export const LOCAL_HREF_ELEMENTS: ReadonlySet<string> = new Set([
  'use', 'textPath', 'linearGradient', 'radialGradient', 'pattern', 'filter',
]);

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
export const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

export function isAllowedAttribute(name: string): boolean {
  return SVG_ATTRIBUTES.has(name) || /^aria-[a-z]+$/.test(name);
}

/** Event handler attributes (`onload`, `onclick`, `onbegin`…), in any case. */
export function isEventAttribute(name: string): boolean {
  return name.toLowerCase().startsWith('on');
}
