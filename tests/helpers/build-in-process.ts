import { build } from '../../scripts/build.js';
import { reportFailure } from '../../scripts/cli/build-command.js';
import { createTerminal } from '../../scripts/cli/terminal.js';
import { sortDiagnostics } from '../../scripts/diagnostics/diagnostic.js';
import type { OutputName } from '../../scripts/outputs.js';

/**
 * A build refused or warned about, made in this process and told as `build` tells it: its
 * warnings, or the command line's own `reportFailure` (its lines and exit status), for a test
 * about what the build refuses rather than about the command line. A command line started for
 * each (tests/helpers/run-cli.ts) loads the pipeline's modules again, ~1 s of CPU even when the
 * build refuses at once; here they load once per test file. The working folder is the book's
 * while it builds, as it is for `npm run build` there: messages name paths from it (`--out
 * manuscript`). Tests in a file run one at a time, so no other build sees the change.
 */
export async function buildInProcess(root: string, options: { only?: OutputName[]; out?: string; noCache?: boolean } = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const terminal = createTerminal('normal', { write: (text) => { stderr += text; } }, { NO_COLOR: '' });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await build({ root, only: options.only, outDir: options.out, noCache: options.noCache });
    for (const w of sortDiagnostics(result.warnings)) terminal.diagnostic(w);
    return { code: 0, stderr };
  } catch (e) {
    return { code: reportFailure(terminal, e, false), stderr };
  } finally {
    process.chdir(cwd);
  }
}
