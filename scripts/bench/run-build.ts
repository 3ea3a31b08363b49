import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { watchPeakRss } from './process-tree-memory.js';

export interface BuildRun {
  readonly wallMs: number;
  readonly peakRssBytes: number;
  readonly stages: Record<string, number>;
  readonly outputs: Array<{ path: string; kib: number; pages?: number }>;
  /** The build found nothing changed since the last one and wrote nothing. */
  readonly unchanged: boolean;
}

/** What `npm run build` runs: the CLI bundled on first run (scripts/cli/launch.mjs). */
const CLI = join(import.meta.dirname, '..', 'cli', 'launch.mjs');

/**
 * Runs the real CLI in its own process, as a person would (`npm run build`), and measures
 * wall time and the peak memory of the whole process tree (Node + Chromium).
 */
export function runBuild(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The launcher finds its bundle in this repository, so the project being built may live anywhere.
    const child = spawn(process.execPath, [CLI, 'build', ...args], {
      cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const memory = watchPeakRss(child.pid!);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const peakRssBytes = memory.stop();
      if (code !== 0) return reject(new Error(`build ${args.join(' ')} failed (${code}):\n${out}`));
      resolve({ wallMs, peakRssBytes, stages: parseStages(out), outputs: parseOutputs(out), unchanged: /^Nothing changed since the last build/m.test(out) });
    });
  });
}

/** Reads the CLI's "Stage timings" table. */
function parseStages(out: string): Record<string, number> {
  const stages: Record<string, number> = {};
  const section = out.split(/Stage timings[^\n]*\n/)[1] ?? '';
  for (const line of section.split('\n')) {
    const m = /^\s+([\w.-]+)\s+(\d+)(?:\s*ms)?\s*$/.exec(line);
    if (m) stages[m[1]!] = Number(m[2]);
    else if (line.trim() && Object.keys(stages).length > 0) break;
  }
  return stages;
}

function parseOutputs(out: string): BuildRun['outputs'] {
  return [...out.matchAll(/^\s+(\S+\.(?:pdf|epub|html|md))\s+([\d.]+) (B|KiB|MiB)\s*(?:,?\s*(\d+) pages)?/gm)]
    .map((m) => ({ path: m[1]!, kib: Math.round(Number(m[2]) * ({ B: 1 / 1024, KiB: 1, MiB: 1024 } as Record<string, number>)[m[3]!]!), pages: m[4] ? Number(m[4]) : undefined }));
}
