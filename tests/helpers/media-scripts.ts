import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'hast';
import { elements, parsePage, resolveReference } from './web-site.js';

/**
 * The scripts of a built page (`page` relative to `web`) that could make it load differently in
 * the dark theme or at another width: those that read `prefers-color-scheme`, a media query or
 * the window's size. None means the theme and the width are the style sheets' alone, so a test
 * may switch them on the loaded page (`emulateMediaFeatures`, `setViewport`) instead of loading
 * it again in each.
 */
export function scriptsReadingMedia(web: string, page: string, tree: Root = parsePage(join(web, page))): string[] {
  return elements(tree, (e) => e.tagName === 'script' && e.properties.type !== 'application/json')
    .map((e) => typeof e.properties.src === 'string'
      ? { name: String(e.properties.src), code: readFileSync(resolveReference(web, page, String(e.properties.src)).file, 'utf8') }
      : { name: 'an inline script', code: e.children.map((c) => ('value' in c ? String(c.value) : '')).join('') })
    .filter((s) => /matchMedia|prefers-color-scheme|\binner(Width|Height)\b|\bresize\b/.test(s.code))
    .map((s) => `${page}: ${s.name}`);
}
