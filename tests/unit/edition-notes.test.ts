import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdition } from '../../scripts/edition/run-edition.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'edition');

describe('a note the new data does not contradict', () => {
  it('"the other tools, whose shares the report does not print" names no question\'s answer "Other"', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ptr-edition-notes-'));
    await cp(FIXTURE, root, { recursive: true });
    // The report's own aggregate (charts/data/aggregates.yaml): it names none of the fixture questions' shares.
    await writeFile(join(root, 'charts/data/aggregates.yaml'),
      '- text: without reaching more than 30% popularity\n  file: 11-tools-and-technologies.md\n' +
      '  explanation: an upper bound for each of the other dependency management tools, whose shares the report does not print; not a share\n');
    // An answer "Other" the 2023 edition never printed, in a column of its own.
    await writeFile(join(root, 'responses/other.csv'), 'Timestamp,What is your seniority level?\n2024/03/01 10:00:00,Regular\n2024/03/02 10:00:00,Other\n');
    const run = await runEdition(root, 2024, 'responses/other.csv');
    expect(run.lines).toContain('  other: "Other" added (the old edition never printed it)');
    expect(run.diagnostics.items.filter((d) => d.ruleId === 'edition-note')).toEqual([]);
  });
});
