/**
 * The promise, or a rejection with the signal's reason when the build stops first. For what an
 * abort cannot cancel: a wait on another output (a failed PDF never settles the page starts), or
 * a call into the browser the stop has just killed (puppeteer's launch and page.close() may never
 * settle once the browser's connection is gone, and a build that awaits them never ends).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  })]);
}
