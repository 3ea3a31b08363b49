import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What `npm run build` runs (scripts/cli/launch.mjs). */
const CLI = join(import.meta.dirname, '..', 'cli', 'launch.mjs');

/**
 * How long a Ctrl-C takes to stop a cold build (issue 26's "one way to stop"): the CLI is sent
 * SIGINT, as a terminal sends it to its whole process group, when it reports `stage` done
 * (the browser is up or starting then); the time is from the signal to the process's exit, with
 * its browser and staging folder released. A benchmark's measure, not a test's assertion.
 */
export function stopTimeMs(cwd: string, stage = 'charts'): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'build', '--no-cache'], {
      cwd, detached: true, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sentAt: number | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (sentAt === undefined && stderr.includes(`✓ ${stage}`)) {
        sentAt = performance.now();
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (sentAt === undefined) return reject(new Error(`the build ended (${code ?? signal}) before it reported ${stage}:\n${stderr}`));
      if (code !== 130 && signal !== 'SIGKILL') return reject(new Error(`a stopped build ended with ${code ?? signal}:\n${stderr}`));
      resolve(performance.now() - sentAt);
    });
  });
}
