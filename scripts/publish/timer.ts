export type StageTimings = Readonly<Record<string, number>>;

/** Times the build's stages for the CLI's summary and the benchmark. */
export function createTimer(onStage?: (stage: string, state: 'start' | 'end', ms?: number) => void) {
  const timings: Record<string, number> = {};
  const record = (name: string, ms: number) => {
    timings[name] = Math.round(ms);
  };
  return {
    timings,
    record,
    async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
      onStage?.(name, 'start');
      const t = performance.now();
      try {
        return await fn();
      } finally {
        const ms = performance.now() - t;
        record(name, ms);
        onStage?.(name, 'end', ms);
      }
    },
  };
}
