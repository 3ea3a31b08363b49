import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_HELP, DEV_HELP, EDITION_HELP } from './cli/help.js';
import { shownAsText } from './cli/terminal.js';
import { visibleText } from './diagnostics/visible-text.js';

/**
 * The command line: the only place that prints and exits. Commands are imported when run, so
 * `--help` and `--version` answer at once instead of loading Chromium, Vega and Shiki first.
 */
const HELP = `Usage: tsx scripts/cli.ts <command> [options]

Commands:
  build     publish the PDF, ePub and web edition into dist/   (npm run build)
  dev       preview the web edition with live reload           (npm run dev)
  edition   wire next year's survey export: edition <year> <csv> (npm run edition)
  help      show this help, or a command's: help build

Options for every command:
  -h, --help      show the command's help
  -v, --version   print the pipeline's version
  -q, --quiet     print only errors
  --verbose       print more detail

Run "tsx scripts/cli.ts <command> --help" for a command's options.
`;

/** A Map: the command name is what the user typed, and `constructor` must be unknown, not Object's. */
const COMMANDS = new Map<string, { help: string; load: () => Promise<(argv: string[]) => Promise<number>> }>([
  ['build', { help: BUILD_HELP, load: async () => (await import('./cli/build-command.js')).buildCommand }],
  ['dev', { help: DEV_HELP, load: async () => (await import('./cli/dev-command.js')).devCommand }],
  ['edition', { help: EDITION_HELP, load: async () => (await import('./cli/edition-command.js')).editionCommand }],
]);

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v' || first === 'version') {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
    process.stdout.write(`${pkg.name} ${pkg.version}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (first === 'help') {
    const command = rest[0] ? COMMANDS.get(rest[0]) : undefined;
    process.stdout.write(command ? command.help : HELP);
    return 0;
  }
  // `cli.ts` or `cli.ts --only pdf` (no command) has always meant a build.
  const implicit = first === undefined || first.startsWith('-');
  const name = implicit ? 'build' : first;
  const args = implicit ? argv : rest;
  const command = COMMANDS.get(name);
  if (!command) {
    process.stderr.write(`unknown command "${visibleText(name)}"\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--version') || args.includes('-v')) return main(['--version']);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  const run = await command.load();
  try {
    return await run(args);
  } catch (e) {
    // parseArgs rejects unknown or malformed options: say which, then how to ask for help.
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${e.message}\nRun "tsx scripts/cli.ts ${name} --help" for the options.\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Whatever escapes a command (a bug, an error thrown outside a build, a promise rejected with
 * no one waiting) is one line naming it; the stack trace only with --verbose.
 */
function crash(e: unknown): void {
  const verbose = process.argv.includes('--verbose');
  const text = e instanceof Error ? (verbose ? e.stack ?? e.message : `${e.name}: ${e.message}`) : String(e);
  // The message may quote author text: shown as text, as the terminal shows every line (terminal.ts).
  process.stderr.write(shownAsText(`error: ${text}\n${verbose ? '' : '(run with --verbose for the stack trace)\n'}`, false));
  process.exit(1);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  crash(e);
}
