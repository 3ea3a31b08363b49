import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * The live processes of the browsers started with `marker` in their command line (their profile
 * folder is under a temp folder of the test's own, so other builds' browsers on this machine are
 * not counted). Chromium's helpers (crash handler, zygote) do not name the profile: they share the
 * group of the one that does, and `groups` keeps those groups across calls. A zombie (killed,
 * not yet reaped by its parent) or a dying process is not live.
 */
export function browserProcesses(marker: string, groups: Set<number> = new Set()): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0]!;
      const pgid = Number(fields[2]);
      if (cmdline.includes(marker) && /chrom/i.test(cmdline)) groups.add(pgid);
      if (state === 'Z' || state === 'X') continue;
      if (cmdline.includes(marker) || groups.has(pgid)) found.push(`${pid} ${readlinkSync(`/proc/${pid}/exe`)} ${cmdline.slice(0, 120)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * What is left of the browsers with `marker` once those that were killed have exited. A process
 * sent SIGKILL is gone only once the kernel has run its exit, a moment after the signal; this
 * checks the process table until they are gone, giving up after `checks` checks 25 ms apart
 * (5 s: a bound on the wait, far beyond a kill's exit, not a moment the test depends on). A
 * browser nobody killed is still there after any wait.
 */
export async function browsersLeft(marker: string, groups: Set<number> = new Set(), checks = 200): Promise<string[]> {
  let left = browserProcesses(marker, groups);
  for (let i = 0; i < checks && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    left = browserProcesses(marker, groups);
  }
  return left;
}
