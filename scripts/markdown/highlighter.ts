import { createHighlighter, type Highlighter } from 'shiki';

/** The languages the book uses; loading only these keeps the highlighter fast to start. */
export const CODE_LANGUAGES = ['python'] as const;

/** Light and dark token colours: the dark set is used by readers in night mode (CSS variables). */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

export function createCodeHighlighter(): Promise<Highlighter> {
  return createHighlighter({ themes: Object.values(CODE_THEMES), langs: [...CODE_LANGUAGES] });
}
