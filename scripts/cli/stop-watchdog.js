// A worker thread started at the first Ctrl-C of a build. Plain JavaScript, run without the
// TypeScript loader: it must start in milliseconds even when the loader's helper process has
// already died of the same Ctrl-C. The build's own thread may be busy for seconds in
// synchronous work (a chart library loading, a font decoding) and then notices neither the
// stop nor a second Ctrl-C; this thread's timer runs regardless.
//
// At the deadline, or at once when told 'now' (a second Ctrl-C), it ends what the build leaves
// running or half-written: the build's staging folder (each old output a publish had moved
// aside and not yet replaced goes back, so every output is either the old or the new one), and
// each child process (Chromium, in a process group of its own) with its group and its
// temporary profile. Then it tells the build's thread, which exits with 130; if that thread is
// still busy, the process is ended outright.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { outDir, deadline, graceMs } = workerData;
let done = false;
/** The staging folders removed: removed again before the end, should a late write bring one back. */
const discarded = [];

function stop() {
  if (done) return;
  done = true;
  discardStaging();
  killChildren();
  writeSync(2, 'build stopped; dist/ was not changed.\n');
  parentPort.postMessage({ stopped: discarded });
  setTimeout(() => {
    // The build's thread may still have been writing into the folder as it went: once more.
    for (const dir of discarded) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
    process.kill(process.pid, 'SIGKILL');
  }, graceMs).unref();
}

setTimeout(stop, Math.max(0, deadline - Date.now()));
parentPort.on('message', (message) => {
  if (message === 'now') stop();
});

/** The staging folders of this process (their lock holds its id), as publish/staging.ts makes them. */
function discardStaging() {
  const parent = dirname(outDir);
  const prefix = `.${basename(outDir)}-staging-`;
  let names = [];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    try {
      // Ours: named with this process's id (publish/staging.ts), which holds even before its lock is written.
      const ours = name.startsWith(`${prefix}${process.pid}-`) || (existsSync(join(dir, '.lock')) && readFileSync(join(dir, '.lock'), 'utf8') === String(process.pid));
      if (!ours) continue;
      const aside = join(dir, '.previous');
      for (const entry of existsSync(aside) ? readdirSync(aside) : []) {
        if (!existsSync(join(outDir, entry))) renameSync(join(aside, entry), join(outDir, entry));
      }
      discarded.push(dir);
      // A write still under way can refill a folder while it is removed (ENOTEMPTY): retry.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
    } catch {
      // another process's folder, or one already gone
    }
  }
}

/** Kills each child of this process with its process group, and removes its Chromium profile. */
function killChildren() {
  let entries = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return; // not Linux: puppeteer's own exit handler kills the browser when the process exits
  }
  for (const name of entries) {
    let cmdline;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    const pid = Number(name);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    const profile = cmdline.find((arg) => arg.startsWith('--user-data-dir='));
    if (profile) rmSync(profile.slice('--user-data-dir='.length), { recursive: true, force: true });
  }
}
