import { execFile } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
/** What `npm run build` runs: the CLI bundled by esbuild on first run and on every change. */
const CLI = join(REPO, 'scripts', 'cli', 'launch.mjs');

/** Runs the real command line in `cwd`, as an author would, and returns its status and output; `env` adds variables. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env, NO_COLOR: '' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
