// What ends each resource a build holds, synchronously: the one place that knows how. Plain
// JavaScript, run without the TypeScript loader, because the stop watchdog (cli/stop-watchdog.js)
// runs it from a worker thread that must start in milliseconds even when the loader's helper
// process has died of the same Ctrl-C; the build's own thread runs it through the registry
// (cleanup-registry.ts). Every release may run twice (once from each thread, or again after a
// late write): it does nothing to what is already gone.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** @param {import('./release-resources.js').HeldResource} resource */
export function releaseSync(resource) {
  try {
    if (resource.what === 'browser') endProcessGroup(resource.pid, resource.profile);
    else if (resource.what === 'staging') discardStaging(resource.dir, resource.outDir);
    else removeFolder(resource.path);
  } catch {
    // gone already, or not ours to end: nothing else can be done in a clean-up
  }
}

/**
 * Chromium runs in a process group of its own (puppeteer starts it detached, so a terminal's
 * Ctrl-C does not reach it): the group goes at once, its helpers with it, then its profile.
 */
function endProcessGroup(pid, profile) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited already
    }
  }
  if (profile) removeFolder(profile);
}

/**
 * A staging folder (publish/staging.ts): each old output a publish had moved aside and not yet
 * replaced goes back first, so every output is either the old or the new one; then the folder.
 */
function discardStaging(dir, outDir) {
  const aside = join(dir, '.previous');
  for (const entry of existsSync(aside) ? readdirSync(aside) : []) {
    if (!existsSync(join(outDir, entry))) renameSync(join(aside, entry), join(outDir, entry));
  }
  removeFolder(dir);
}

function removeFolder(path) {
  // A write still under way can refill a folder while it is removed (ENOTEMPTY): retry.
  rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
}
