/**
 * The promise, or a rejection with the signal's reason when the build stops first. For what an
 * abort cannot cancel: a wait on another output (a failed PDF never settles the page starts), or
 * a call into the browser the stop has just killed (puppeteer's launch and page.close() may never
 * settle once the browser's connection is gone, and a build that awaits them never ends).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: () => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The listener goes with the promise: a build races one per page it closes, on one signal.
  return Promise.race([promise, stopped]).finally(() => signal.removeEventListener('abort', onAbort));
}
