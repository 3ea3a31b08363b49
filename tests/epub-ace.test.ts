import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { ACE_BIN, formatViolations, runAce } from './helpers/ace.js';
import { hasValidator } from './helpers/validators.js';

const epubPath = join(inject('reportDist'), 'python-tech-radar.epub');

/** Ace is an npm devDependency: missing means `npm install` was not run, which CI never skips. */
function hasAce(): boolean {
  if (existsSync(ACE_BIN)) return true;
  if (process.env.CI === 'true') throw new Error(`Ace by DAISY is required under CI=true: ${ACE_BIN} is missing (npm ci)`);
  console.warn(`skipping: Ace by DAISY is not installed (${ACE_BIN}); run npm install`);
  return false;
}

describe.skipIf(!hasValidator('chromium') || !hasAce())('the ePub checked by Ace by DAISY', () => {
  it('has no accessibility violations in any document or in the package', async () => {
    const result = await runAce(epubPath);
    expect(result.violations, `Ace found ${result.violations.length} violation(s):\n${formatViolations(result.violations)}`).toEqual([]);
    expect(result.outcome).toBe('pass');
    // What Ace reads from the package: the accessibility metadata a store or a reader shows.
    for (const key of ['schema:accessMode', 'schema:accessModeSufficient', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary']) {
      expect(result.missingMetadata).not.toContain(key);
    }
  });
});
