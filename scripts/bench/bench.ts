/**
 * `npm run bench`: the build's speed and memory on this machine, scenario by scenario.
 * A benchmark, not a test: it prints a table and writes dist/bench.json.
 *   --runs N      repetitions per scenario (default 5)
 *   --scale N     size of the synthetic book (default 10; 0 skips the scenario)
 *   --root DIR    the project to measure (default: this one)
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild, type BuildRun } from './run-build.js';
import { copyProject, makeScaledBook } from './synthetic-book.js';
import { chromiumFloorMs } from './chromium-floor.js';
import { summarize, formatTable, type ScenarioResult } from './summarize.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, scale: { type: 'string', default: '10' }, root: { type: 'string', default: '.' } } });
const runs = Number(values.runs);
const scale = Number(values.scale);
const root = resolve(values.root);
const work = await mkdtemp(join(tmpdir(), 'ptr-bench-'));
const results: ScenarioResult[] = [];

async function scenario(name: string, times: number, once: (i: number) => Promise<BuildRun | number>): Promise<void> {
  const samples: Array<BuildRun | number> = [];
  for (let i = 0; i < times; i++) {
    samples.push(await once(i));
    process.stderr.write(`  ${name} ${i + 1}/${times}\n`);
  }
  results.push(summarize(name, samples));
}

try {
  const project = join(work, 'report');
  await copyProject(root, project);
  const cold = ['--no-cache'];
  const keep = join(work, 'print-html');
  await scenario('cold (all outputs)', runs, async () => {
    await rm(keep, { recursive: true, force: true });
    return runBuild(project, cold, { PTR_KEEP_PRINT_DIR: keep });
  });
  await scenario('chromium floor (launch+load+print once)', runs, () => chromiumFloorMs(keep));
  // Warm: a cache from the previous build, then one chapter edited.
  await runBuild(project, []);
  const chapter = join(project, 'manuscript', '09-python-now.md');
  const original = await readFile(chapter, 'utf8');
  await scenario('warm, one chapter edited', runs, async (i) => {
    await writeFile(chapter, `${original}\nAn edit for the benchmark, number ${i}.\n`);
    return runBuild(project, []);
  });
  await scenario('warm, web edition only', runs, async (i) => {
    await writeFile(chapter, `${original}\nA web-only edit, number ${i}.\n`);
    return runBuild(project, ['--only', 'web']);
  });
  await writeFile(chapter, original);
  if (scale > 0) {
    const big = join(work, `report-x${scale}`);
    await makeScaledBook(root, big, scale);
    await scenario(`${scale}× synthetic book, cold`, Math.min(runs, 2), () => runBuild(big, cold));
  }
  const table = formatTable(results);
  process.stdout.write(`${table}\n`);
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', 'bench.json'), `${JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length }, results }, null, 2)}\n`);
  process.stdout.write(`\nwritten: dist/bench.json\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
