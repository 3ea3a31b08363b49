import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../scripts/diagnostics/diagnostic.js';
import { inertLineStarts, visibleText } from '../../scripts/diagnostics/visible-text.js';
import { createTerminal, shownAsText } from '../../scripts/cli/terminal.js';

/**
 * Issue 21, class 5: author text in a message is shown, never obeyed by the terminal or by CI.
 * Each diagnostic is exactly one line and its hint line, whatever the author's text holds.
 */
const ESC = '\x1b';
const BEL = '\x07';
/** Every character a message must never carry as itself. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

function diagnostic(message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { file: 'charts/data/q.yaml', line: 3, column: 5, severity: 'warning', message, hint: 'a hint', ruleId: 'rule', ...extra };
}

/** What a CI runner reads as a command: `::` or `##` first on a line, blanks before it ignored. */
const COMMAND_LINE = /^\s*(::|##)/m;

describe('formatDiagnostic shows author text as text', () => {
  it('OSC 52 (clipboard) and OSC 0 (window title) in a survey label become visible \\u escapes', () => {
    const label = `Yes${ESC}]52;c;ZWNobyBwd25lZA==${BEL}${ESC}]0;pwned${BEL}`;
    const text = formatDiagnostic(diagnostic(`share 54.8% of "${label}" is not a whole number`));
    expect(text).not.toMatch(RAW);
    expect(text).toContain('"Yes\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u001b]0;pwned\\u0007"');
  });

  it('a line break and ::error:: in a label cannot start a line: one line and its hint', () => {
    for (const label of ['a\n::error::forged', 'a\r\n::error file=x::forged', 'a\n   ::warning::x', 'a\n##[error]x', 'a\u2028::error::x', 'a\u0085::error::x']) {
      const text = formatDiagnostic(diagnostic(`"${label}" names no answer`, { hint: `answers: ${label}` }));
      const lines = text.split('\n');
      expect(lines, label).toHaveLength(2);
      expect(lines[1]).toMatch(/^ {2}hint: /);
      expect(text).not.toMatch(COMMAND_LINE);
      expect(text).not.toMatch(RAW);
    }
  });

  it('a file name that starts like a workflow command, or holds control characters, is shown inert', () => {
    const text = formatDiagnostic(diagnostic('m', { file: `::error::${ESC}[2J.yaml` }));
    expect(text).not.toMatch(COMMAND_LINE);
    expect(text.split('\n')[0]).toBe('\\u003a:error::\\u001b[2J.yaml:3:5: warning: m [rule]');
  });

  it('bidi overrides, isolates and marks, C1 controls, DEL, tab and the BOM are shown by their code', () => {
    const text = visibleText('a\u202eb\u202cc\u2066d\u2069e\u200ff\u061cg\u009bh\u007fi\tj\ufeffk\u0000');
    expect(text).toBe('a\\u202eb\\u202cc\\u2066d\\u2069e\\u200ff\\u061cg\\u009bh\\u007fi\\u0009j\\ufeffk\\u0000');
  });

  it('is unambiguous: a typed backslash is doubled, so \\u001b in the output is only ever the character', () => {
    expect(visibleText('typed \\u001b')).toBe('typed \\\\u001b');
    expect(visibleText(`real ${ESC}`)).toBe('real \\u001b');
    expect(visibleText(`\\${ESC}`)).toBe('\\\\\\u001b');
  });

  it('leaves ordinary text alone: letters of every script, emoji, quotes, colons inside a line', () => {
    const text = 'Zażółć gęślą jaźń — 日本語 — עברית 🐍 "a::b" ##tag';
    expect(visibleText(text)).toBe(text);
    expect(inertLineStarts(text)).toBe(text);
  });
});

describe('the terminal shows whatever else reaches it as text', () => {
  it('escapes control characters in any line (an error message), keeping line breaks', () => {
    expect(shownAsText(`build failed: ${ESC}]0;x${BEL}\nsecond`, false)).toBe('build failed: \\u001b]0;x\\u0007\nsecond');
  });

  it('no line it writes can start a workflow command', () => {
    expect(shownAsText('ok\n::error::x\n  ##[group]y', false)).toBe('ok\n\\u003a:error::x\n  \\u0023#[group]y');
  });

  it('keeps its own colours on a terminal, and nothing else that starts with ESC', () => {
    const written: string[] = [];
    const terminal = createTerminal('normal', { isTTY: true, columns: 80, write: (t) => written.push(t) }, {});
    expect(terminal.colour).toBe(true);
    terminal.info(`${terminal.paint('green', '✓')} ${ESC}]52;c;eA==${BEL}${ESC}[2J`);
    terminal.diagnostic(diagnostic(`"${ESC}]0;t${BEL}"`, { severity: 'error' }));
    const out = written.join('');
    expect(out).toContain('\x1b[32m✓\x1b[39m');
    expect(out).toContain('\\u001b]52;c;eA==\\u0007\\u001b[2J');
    expect(out).toContain('"\\u001b]0;t\\u0007"');
    // Every ESC left is a colour code (SGR) or the status line's own erase.
    expect(out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r\x1b\[2K/g, '')).not.toContain(ESC);
  });

  it('colours the severity where it is, whatever the file name or the message say', () => {
    const written: string[] = [];
    const terminal = createTerminal('normal', { isTTY: true, columns: 80, write: (t) => written.push(t) }, {});
    terminal.diagnostic(diagnostic('the label " error: x"', { file: 'a error: b.yaml', severity: 'error' }));
    expect(written.join('')).toBe('\x1b[1ma error: b.yaml:3:5:\x1b[22m \x1b[31merror:\x1b[39m \x1b[1mthe label " error: x" [rule]\x1b[22m\n\x1b[2m  hint: a hint\x1b[22m\n');
  });

  it('in a log (no TTY), writes no escape sequence at all', () => {
    const written: string[] = [];
    const terminal = createTerminal('verbose', { isTTY: false, write: (t) => written.push(t) }, {});
    terminal.error(`${ESC}[31mred${ESC}[39m`);
    terminal.detail(`stack\n::error::x ${ESC}]8;;https://example.com${BEL}link`);
    terminal.diagnostic(diagnostic(`${ESC}[1mbold`));
    expect(written.join('')).not.toContain(ESC);
    expect(written.join('')).not.toMatch(COMMAND_LINE);
  });
});
