/**
 * Author text (a survey label, a file name from book.yaml, a heading) is printed in messages to
 * a terminal and to CI logs. There a control character is a command: ESC starts a sequence that
 * sets the window title or the clipboard (OSC 52), CR overwrites the line, and a line that starts
 * with `::` (or `##[`) is a GitHub Actions / Azure workflow command. Bidi controls make a line
 * read differently from what it says ("Trojan Source"). Such characters are shown, not obeyed.
 */

/**
 * C0 (tab and newline too: a message is one line), DEL, C1, the bidi embeddings, overrides,
 * isolates and marks, the Unicode line and paragraph separators, and the BOM.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

export function isUnsafeCharacter(c: string): boolean {
  return UNSAFE.test(c);
}

/** `\u001b` for ESC: four hex digits, as in JSON and JavaScript. */
export function escapeCharacter(c: string): string {
  return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/**
 * One line, every unsafe character shown as `\uXXXX`. A backslash is doubled, so that `\u001b`
 * in the output can only mean the character, never an author's literal `\u001b` (shown `\\u001b`).
 */
export function visibleText(text: string): string {
  let out = '';
  for (const c of text) out += c === '\\' ? '\\\\' : UNSAFE.test(c) ? escapeCharacter(c) : c;
  return out;
}

/**
 * A line that CI would read as a workflow command: `::error::…` (GitHub Actions, which ignores
 * leading blanks) or `##[error]`, `##vso[…]` (Azure Pipelines, GitHub's older form).
 */
const COMMAND_START = /^(\s*)([:#])(?=[:#])/;

/** Each line of `text` with a command-like start made inert: its first `:` or `#` escaped. */
export function inertLineStarts(text: string): string {
  return text.split('\n').map((line) => line.replace(COMMAND_START, (_, blank: string, c: string) => blank + escapeCharacter(c))).join('\n');
}
