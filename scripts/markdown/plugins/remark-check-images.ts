import type { Definition, Image, ImageReference, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { FigureAssets } from '../../figures/figure-assets.js';
import { reportFigureFindings } from '../../figures/report-figure-findings.js';

declare module 'vfile' {
  interface DataMap {
    /** `src` of every figure and image the chapter inlines (what its compiled tree depends on). */
    figureSources: string[];
  }
}

export interface RemarkCheckImagesOptions {
  readonly figures: FigureAssets;
}

/**
 * Plain Markdown images `![alt](src)`. The build is offline and every edition must carry the
 * same picture, so an image is accepted only as an SVG file under manuscript/, inlined like a
 * figure's (unnumbered, no caption); anything else is an error naming the fix. An image without
 * alt text is a warning: screen readers would say nothing about it.
 */
export default function remarkCheckImages(options: RemarkCheckImagesOptions) {
  return async (tree: Root, file: VFile) => {
    const definitions = new Map<string, string>();
    visit(tree, 'definition', (d: Definition) => {
      definitions.set(d.identifier, d.url);
    });
    const images: Array<{ node: Image | ImageReference; src: string }> = [];
    visit(tree, (node) => {
      if (node.type === 'image') images.push({ node, src: node.url });
      if (node.type === 'imageReference') images.push({ node, src: definitions.get(node.identifier) ?? '' });
    });
    for (const { node, src } of images) {
      const result = await options.figures.load(src, file.path);
      reportFigureFindings(file, result.findings);
      if (!result.ok) {
        if (result.findings.length > 0) continue;
        // The loader speaks of figures; here the author wrote an image.
        const m = file.message(result.reason.replace(/^figure( file)?/, 'image'), { place: node.position, ruleId: 'image', source: 'ptr' });
        m.fatal = true;
        m.note = hintFor(result.reason, result.hint);
        continue;
      }
      (file.data.figureSources ??= []).push(src);
      const alt = node.alt ?? '';
      if (alt.trim() === '') {
        file.message(`image "${src}" has no alt text`, { place: node.position, ruleId: 'image-alt', source: 'ptr' })
          .note = 'describe what the picture shows: ![A blue box](figures/box.svg)';
      }
      node.data = {
        hName: 'span',
        hProperties: { className: ['image'], role: 'img', ariaLabel: alt },
        hChildren: [{ type: 'raw', value: result.svg } as never],
      };
    }
  };
}

/** The loader's hints speak of figures; an image's fix is told in its own words. */
function hintFor(reason: string, loaderHint: string): string {
  if (/remote URL/.test(reason)) return 'the build is offline: save the picture as SVG under manuscript/figures/ and write ![alt](figures/name.svg)';
  if (/outside/.test(reason)) return 'images must be files under manuscript/ (e.g. manuscript/figures/name.svg)';
  if (/not an SVG/.test(reason)) return 'every edition inlines the same vector picture: save it as SVG (for a numbered figure with a caption, use :::figure{src alt title})';
  return loaderHint;
}
