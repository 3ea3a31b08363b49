import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { openBuildCache } from '../cache/build-cache.js';
import { vegaLiteValidator } from '../charts/cached-charts.js';
import { createTerminal, type Terminal } from './terminal.js';
import { failureSummary, verbosityOf } from './build-command.js';
import { DEV_HELP } from './help.js';
import type { BuildResult } from '../build.js';
import { createDevSession, type DevState } from '../dev/dev-session.js';
import { startDevServer, type DevServer } from '../dev/dev-server.js';
import { watchSources, WATCHED } from '../dev/watch-sources.js';


/** `dev`: watch, rebuild the web edition, serve it with live reload, until SIGINT/SIGTERM. */
export async function devCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4173' },
      out: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(DEV_HELP);
    return 0;
  }
  const terminal = createTerminal(verbosityOf(values));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    terminal.error(`--port takes a number from 0 to 65535; got ${values.port}`);
    return 2;
  }
  const root = process.cwd();
  const outDir = resolve(root, values.out ?? 'dist');
  const cache = await openBuildCache(root, { enabled: !values['no-cache'] });
  let server: DevServer | undefined;
  const session = createDevSession({
    root, outDir, cache,
    onBuilt: (state, result, changed, early) => {
      report(terminal, state, changed, result?.cache, result?.timings);
      server?.reload(early);
    },
    openPages: () => server?.openPages() ?? [],
    onEarlyPages: (paths) => server?.reloadPages(paths),
  });

  let stopping: string | undefined;
  const stopped = new Promise<string>((done) => {
    const stop = (signal: string) => () => done((stopping = signal));
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
  });
  session.changed([]);
  await Promise.race([session.idle(), stopped]);
  if (stopping) {
    await session.close();
    return 0;
  }
  // The first chart edit would otherwise wait a second for the Vega-Lite schema to compile.
  void vegaLiteValidator(cache).catch(() => undefined);
  server = await startDevServer({ root, webDir: join(outDir, 'web'), port, session });
  const watcher = watchSources(root, (paths) => session.changed(paths));
  await watcher.ready;
  // The PDF preview's link carries this run's token (it starts Chromium): printed even with --quiet.
  process.stdout.write(`Serving the web edition at ${server.url}\nPDF preview (built on demand) at ${server.pdfUrl}\n`);
  terminal.info(`Watching ${WATCHED.join('/, ')}/ — Ctrl-C to stop.`);

  const signal = await stopped;
  terminal.info(`\n${signal}: stopping the watcher, the server and any build in progress…`);
  await watcher.close();
  await server.close();
  await session.close();
  terminal.info('stopped.');
  return 0;
}

function report(terminal: Terminal, state: DevState, changed: readonly string[], use?: BuildResult['cache'], timings?: BuildResult['timings']): void {
  const what = changed.length > 0 ? ` (${changed.join(', ')})` : '';
  const ms = `${Math.round(state.ms)} ms`;
  if (state.ok) {
    terminal.info(`${terminal.paint('green', '✓')} web edition built in ${ms}${what}`);
    if (use) terminal.detail(`  rebuilt chapters: ${use.chapters.made.join(', ') || 'none'}; charts: ${use.charts.made.join(', ') || 'none'}`);
    if (timings) terminal.detail(`  ${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
    state.diagnostics.forEach((d) => terminal.diagnostic(d));
    return;
  }
  if (state.crash) terminal.error(state.crash);
  state.diagnostics.forEach((d) => terminal.diagnostic(d));
  terminal.error(`${terminal.paint('red', '✗')} build failed in ${ms}${what}: ${state.crash ? 'crashed' : failureSummary(state.diagnostics)}; still serving the last good build.`);
}
