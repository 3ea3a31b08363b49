import { inject } from 'vitest';
import { reportBuilt } from '../setup/report-built.js';

/** The warnings the report's build reported (tests/setup/build-report.ts), formatted as the command line prints them. */
export async function reportWarnings(): Promise<ReadonlyArray<{ ruleId?: string; text: string }>> {
  return (await reportBuilt(inject('reportFolder'))).warnings ?? [];
}
