import type { Element } from 'hast';

/** The languages the book uses; loading only these keeps the highlighter fast to start. */
export const CODE_LANGUAGES = ['python'] as const;

/** Light and dark token colours: the dark set is used by readers in night mode (CSS variables). */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** Build-time syntax highlighting: code in, a `<pre>` tree out. */
export interface CodeHighlighter {
  readonly languages: readonly string[];
  /** The highlighted `<pre>` of `code`; a fresh tree each call, which the caller may change. */
  highlight(code: string, lang: string): Element;
}

/**
 * A stand-in given to the processor before it is known whether the chapter has listings; the
 * real highlighter is provided once the parsed tree shows some (compile-chapters.ts).
 */
export function deferredHighlighter(): { proxy: CodeHighlighter; provide(real: CodeHighlighter): void } {
  let real: CodeHighlighter | undefined;
  return {
    proxy: {
      get languages() {
        return real?.languages ?? CODE_LANGUAGES;
      },
      highlight(code, lang) {
        if (!real) throw new Error('a code listing reached the highlighter, but the parsed chapter had none');
        return real.highlight(code, lang);
      },
    },
    provide(highlighter) {
      real = highlighter;
    },
  };
}

/** Listings kept highlighted; far more than the book has, few enough to bound memory. */
const REMEMBERED = 1000;

/**
 * One highlighter for a build, or for a whole `dev` session: it remembers the listings it has
 * highlighted, since an edit to a chapter's prose leaves its code as it was and the grammar is
 * the slow part of recompiling a chapter with listings (~4 ms a listing).
 */
export async function createCodeHighlighter(): Promise<CodeHighlighter> {
  const { createHighlighter } = await import('shiki');
  const shiki = await createHighlighter({ themes: Object.values(CODE_THEMES), langs: [...CODE_LANGUAGES] });
  const made = new Map<string, Element>();
  return {
    languages: shiki.getLoadedLanguages(),
    highlight(code, lang) {
      const key = `${lang}\n${code}`;
      let pre = made.get(key);
      if (!pre) {
        // No time limit per line (Shiki's default is 500 ms): on a busy machine the rest of a
        // line went uncoloured, so the same sources gave different outputs.
        pre = shiki.codeToHast(code, { lang, themes: CODE_THEMES, defaultColor: 'light', tokenizeTimeLimit: 0 }).children[0] as Element;
        if (made.size >= REMEMBERED) made.delete(made.keys().next().value!);
        made.set(key, pre);
      }
      return structuredClone(pre);
    },
  };
}
