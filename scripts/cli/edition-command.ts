import { parseArgs } from 'node:util';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { visibleText } from '../diagnostics/visible-text.js';
import { createTerminal } from './terminal.js';
import { verbosityOf } from './build-command.js';

const OPTIONS = {
  quiet: { type: 'boolean', short: 'q', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `edition <year> <export>`: wires the export, prints what it matched, then every problem at its place. */
export async function editionCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const terminal = createTerminal(verbosityOf(values));
  const [yearText, file, ...extra] = positionals;
  const year = Number(yearText);
  if (!yearText || !/^\d{4}$/.test(yearText) || !file || extra.length > 0) {
    terminal.error(`usage: npm run edition -- <year> <export>, e.g. npm run edition -- 2024 responses/2024.csv${yearText && !/^\d{4}$/.test(yearText) ? ` ("${visibleText(yearText)}" is not a year)` : ''}`);
    return 2;
  }
  const { runEdition } = await import('../edition/run-edition.js');
  const run = await runEdition(process.cwd(), year, file);
  for (const line of run.lines) process.stdout.write(`${visibleText(line)}\n`);
  const all = sortDiagnostics(run.diagnostics.items);
  if (all.length > 0) process.stdout.write('\n');
  for (const d of all) terminal.diagnostic(d);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  if (errors > 0) {
    terminal.error(`\n${errors} error(s)${warnings ? ` and ${warnings} warning(s)` : ''}: fix what is listed, then run the command again (the files it wrote are kept).`);
    return 1;
  }
  terminal.info(`\n${terminal.paint('green', 'Ready')}${warnings ? ` with ${warnings} warning(s)` : ''}: npm run build publishes the ${year} edition.`);
  return 0;
}
