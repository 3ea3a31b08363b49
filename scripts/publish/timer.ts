export type StageTimings = Readonly<Record<string, number>>;
export type StageState = 'start' | 'end' | 'failed';

/** Times the build's stages for the CLI's summary and the benchmark. */
export function createTimer(onStage?: (stage: string, state: StageState, ms?: number) => void) {
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
      let state: StageState = 'failed';
      try {
        const value = await fn();
        state = 'end';
        return value;
      } finally {
        const ms = performance.now() - t;
        record(name, ms);
        onStage?.(name, state, ms);
      }
    },
  };
}
