import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';

/** The file the report's build writes in its folder when it has ended: its warnings, or its error. */
export const REPORT_BUILT = 'built.json';

export interface ReportBuilt {
  readonly warnings?: ReadonlyArray<{ ruleId?: string; text: string }>;
  readonly error?: string;
}

/** Resolves when the report's build in `folder` has ended (an event, not a deadline), with what it wrote. */
export async function reportBuilt(folder: string): Promise<ReportBuilt> {
  const file = join(folder, REPORT_BUILT);
  if (!existsSync(file)) {
    await new Promise<void>((done) => {
      const watcher = watch(folder, () => {
        if (existsSync(file)) {
          watcher.close();
          done();
        }
      });
      // Written between the first look and the watch.
      if (existsSync(file)) {
        watcher.close();
        done();
      }
    });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ReportBuilt;
}
