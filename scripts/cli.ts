import { parseArgs } from 'node:util';
import { build, ALL_OUTPUTS, type OutputKind } from './build.js';
import { BuildError, formatDiagnostic, sortDiagnostics } from './diagnostics/diagnostic.js';
import { BrowserNotFoundError } from './print/find-browser.js';

/** The command line: the only place that prints and exits. */
const HELP = `Usage: npm run build -- [options]     (or: tsx scripts/cli.ts build [options])

Publishes the report from manuscript/, charts/ and styles/ into dist/:
  dist/<name>.pdf, dist/<name>.epub, dist/web/index.html, dist/data-report.md

Options:
  --only <pdf|epub|web>   build only these outputs (repeat or comma-separate)
  --out <dir>             output folder (default: dist)
  --strict                warnings fail the build
  --quiet                 print only errors
  -h, --help              show this help
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0] ?? 'build';
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command !== 'build') {
    process.stderr.write(`unknown command "${command}"\n\n${HELP}`);
    return 1;
  }
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = only.filter((o) => !ALL_OUTPUTS.includes(o as OutputKind));
  if (unknown.length > 0) {
    process.stderr.write(`--only takes ${ALL_OUTPUTS.join(', ')}; got ${unknown.join(', ')}\n`);
    return 1;
  }
  const log = (s: string) => {
    if (!values.quiet) process.stderr.write(`${s}\n`);
  };
  const controller = new AbortController();
  const onSigint = () => {
    log('\ninterrupted: stopping; dist/ is left as it was');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSigint);
  const started = performance.now();
  try {
    const result = await build({
      root: process.cwd(),
      outDir: values.out,
      only: only.length > 0 ? (only as OutputKind[]) : undefined,
      signal: controller.signal,
      onStage: (stage, state, ms) => log(state === 'start' ? `… ${stage}` : `✓ ${stage} (${Math.round(ms ?? 0)} ms)`),
    });
    for (const w of sortDiagnostics(result.warnings)) log(formatDiagnostic(w));
    if (values.strict && result.warnings.length > 0) {
      process.stderr.write(`${result.warnings.length} warning(s) and --strict: failing the build (dist/ was updated)\n`);
      return 1;
    }
    log('\nOutputs:');
    for (const o of result.outputs) log(`  ${o.path}  ${(o.bytes / 1024).toFixed(0)} KiB${o.pages ? `, ${o.pages} pages` : ''}`);
    log('\nStage timings (ms):');
    for (const [k, v] of Object.entries(result.timings)) log(`  ${k.padEnd(14)} ${String(v).padStart(6)}`);
    log(`\nBuilt in ${Math.round(performance.now() - started)} ms${result.printPasses ? ` (${result.printPasses} print passes)` : ''}.`);
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(`\n${errors} error(s), ${e.diagnostics.length - errors} warning(s); dist/ was not changed.\n`);
    } else if (e instanceof BrowserNotFoundError) {
      process.stderr.write(`${e.message}\n`);
    } else if (controller.signal.aborted) {
      process.stderr.write('build interrupted; dist/ was not changed.\n');
      return 130;
    } else {
      process.stderr.write(`build failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    }
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

process.exitCode = await main(process.argv.slice(2));
