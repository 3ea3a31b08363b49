import { inject } from 'vitest';
import { reportBuilt } from './report-built.js';

/**
 * Each acceptance file starts once the report's build (tests/setup/build-report.ts) has ended;
 * a build that failed fails the file with the build's own error.
 */
const built = await reportBuilt(inject('reportFolder'));
if (built.error) throw new Error(`the report's build failed:\n${built.error}`);
