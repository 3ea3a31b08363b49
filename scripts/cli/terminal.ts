import { diagnosticParts, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeCharacter, inertLineStarts, isUnsafeCharacter } from '../diagnostics/visible-text.js';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** What a command prints to the author; errors always show, the rest by verbosity. */
export interface Terminal {
  readonly colour: boolean;
  readonly interactive: boolean;
  /** Normal output (progress, summaries); hidden by --quiet. */
  info(line: string): void;
  /** Details (cache use, stage starts); only with --verbose. */
  detail(line: string): void;
  /** Always shown. */
  error(line: string): void;
  diagnostic(d: Diagnostic): void;
  paint(style: Style, text: string): string;
  /** Redraws the one-line status of a TTY in place (no-op elsewhere); '' clears it. */
  status(line: string): void;
}

export type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'dim' | 'bold';
const CODES: Record<Style, [number, number]> = { red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] };

export interface TerminalStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org) or the
 * terminal is "dumb": piped output and CI logs stay plain `file:line:col: error: …` lines.
 */
export function createTerminal(verbosity: Verbosity, stream: TerminalStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Terminal {
  const interactive = stream.isTTY === true && env.TERM !== 'dumb';
  const colour = interactive && !env.NO_COLOR;
  let shown = '';
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = '';
  };
  const write = (line: string) => {
    const status = shown;
    clear();
    stream.write(`${shownAsText(line, colour)}\n`);
    if (status) draw(status);
  };
  const draw = (line: string) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${shownAsText(line.replaceAll('\n', ' '), colour).slice(0, width)}`);
    shown = line;
  };
  const paint = (style: Style, text: string) => (colour ? `\x1b[${CODES[style][0]}m${text}\x1b[${CODES[style][1]}m` : text);
  return {
    colour,
    interactive,
    info: (line) => verbosity !== 'quiet' && write(line),
    detail: (line) => verbosity === 'verbose' && write(line),
    error: (line) => write(line),
    paint,
    diagnostic(d) {
      if (d.severity === 'warning' && verbosity === 'quiet') return;
      if (!colour) return write(formatDiagnostic(d));
      const { where, message, hint } = diagnosticParts(d);
      const label = d.severity === 'error' ? paint('red', 'error:') : paint('yellow', 'warning:');
      const head = `${paint('bold', where)} ${label} ${paint('bold', message)}`;
      write(hint === undefined ? head : `${head}\n${paint('dim', `  hint: ${hint}`)}`);
    },
    status(line) {
      if (!interactive || verbosity === 'quiet') return;
      if (line) draw(line);
      else clear();
    },
  };
}

/** Our own colour codes (`paint`): Select Graphic Rendition, ESC [ digits m, and nothing else. */
const SGR = /^\x1b\[[0-9;]*m/;

/**
 * The last wall between author text and the terminal: whatever reaches a line (an error's
 * message, a path) is shown, not obeyed. Diagnostics are escaped where they are formatted
 * (formatDiagnostic); this catches the rest. Only line breaks pass, and, when colouring, the
 * colour codes `paint` makes; a line cannot start a CI workflow command.
 */
export function shownAsText(text: string, colour: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const sgr = colour && text[i] === '\x1b' ? SGR.exec(text.slice(i, i + 32))?.[0] : undefined;
    if (sgr) {
      out += sgr;
      i += sgr.length;
      continue;
    }
    const c = String.fromCodePoint(text.codePointAt(i)!);
    out += c !== '\n' && isUnsafeCharacter(c) ? escapeCharacter(c) : c;
    i += c.length;
  }
  return inertLineStarts(out);
}
