import { BuildError, sortDiagnostics, type Diagnostic } from './diagnostic.js';

/**
 * Like Promise.all for stages that run side by side, but when several of them fail with author
 * errors, all their diagnostics are reported together instead of only the first stage's.
 */
export async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  const other = failures.find((e) => !(e instanceof BuildError));
  if (other !== undefined) throw other;
  if (failures.length > 0) {
    const diagnostics: Diagnostic[] = failures.flatMap((e) => [...(e as BuildError).diagnostics]);
    throw new BuildError(sortDiagnostics(diagnostics));
  }
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
