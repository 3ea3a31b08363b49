// A worker thread started at the first Ctrl-C of a build: its deadline. Plain JavaScript, run
// without the TypeScript loader: it must start in milliseconds even when the loader's helper
// process has already died of the same Ctrl-C. The build's own thread may be busy for seconds in
// synchronous work (a chart library loading, a font decoding) and then notices neither the stop
// nor a second Ctrl-C; this thread's timer runs regardless.
//
// It knows nothing of its own about what to end: the build's clean-up registry
// (cleanup/cleanup-registry.ts) sends what it holds, at the start and on every change, and at
// the deadline, or at once when told 'now' (a second Ctrl-C), this thread releases that, through
// the registry's own releases. Then it tells the build's thread, which exits with 130; if that
// thread is still busy, the process is ended outright.
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { releaseSync } from '../cleanup/release-resources.js';

const { deadline, graceMs } = workerData;
let held = workerData.held;
let done = false;

function stop() {
  if (done) return;
  done = true;
  for (const resource of [...held].reverse()) releaseSync(resource);
  writeSync(2, 'build stopped; dist/ was not changed.\n');
  parentPort.postMessage('stopped');
  setTimeout(() => {
    // The build's thread may still have been writing into a staging folder as it went: once more.
    for (const resource of held) releaseSync(resource);
    process.kill(process.pid, 'SIGKILL');
  }, graceMs).unref();
}

setTimeout(stop, Math.max(0, deadline - Date.now()));
parentPort.on('message', (message) => {
  if (message === 'now') stop();
  else if (!done) held = message.held;
});
