/**
 * `npm run bench`: the build's speed and memory on this machine, scenario by scenario.
 * A benchmark, not a test: it prints a table and writes dist/bench.json.
 *   --runs N      repetitions per scenario (default 3; the table gives medians)
 *   --scale N     size of the synthetic book (default 10; 0 skips the scenario)
 *   --only-dev    only the dev server's live reload
 *   --only-web-vitals  only the web edition's layout shift and Lighthouse performance
 *   --only-stop   only the time a Ctrl-C takes to stop a cold build
 *   --root DIR    the project to measure (default: this one)
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild, type BuildRun } from './run-build.js';
import { copyProject, makeScaledBook } from './synthetic-book.js';
import { chromiumFloorMs } from './chromium-floor.js';
import { prepareMdToPdf, MD_TO_PDF } from './md-to-pdf-peer.js';
import { startDevReload } from './dev-reload.js';
import { summarize, formatTable, type ScenarioResult } from './summarize.js';
import { stopTimeMs } from './stop-time.js';
import { formatVitals, measureWebVitals, type VitalsLine } from './web-vitals.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, scale: { type: 'string', default: '10' }, root: { type: 'string', default: '.' }, 'only-dev': { type: 'boolean', default: false }, 'only-web-vitals': { type: 'boolean', default: false }, 'only-stop': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const scale = Number(values.scale);
const root = resolve(values.root);
const onlyDev = values['only-dev'];
const onlyStop = values['only-stop'];
const onlyVitals = values['only-web-vitals'];
/** No --only-…: every scenario. */
const all = !onlyDev && !onlyVitals && !onlyStop;
const work = await mkdtemp(join(tmpdir(), 'ptr-bench-'));
const results: ScenarioResult[] = [];
let vitals: VitalsLine[] = [];

/**
 * Runs a scenario `times` and keeps its summary. A run that fails (a build timed out on a busy
 * machine) ends that scenario, not the benchmark: the table says so, and shows the others.
 */
async function scenario(name: string, times: number, once: (i: number) => Promise<BuildRun | number>): Promise<void> {
  const samples: Array<BuildRun | number> = [];
  try {
    for (let i = 0; i < times; i++) {
      samples.push(await once(i));
      process.stderr.write(`  ${name} ${i + 1}/${times}: ${Math.round(wallOf(samples.at(-1)!))} ms\n`);
    }
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n').filter(Boolean).at(-1) ?? 'failed';
    process.stderr.write(`  ${name}: failed: ${reason}\n`);
    results.push({ ...(samples.length > 0 ? summarize(name, samples) : { name, runs: 0, medianMs: NaN, minMs: NaN, maxMs: NaN }), failed: reason });
    return;
  }
  results.push(summarize(name, samples));
}

const wallOf = (sample: BuildRun | number) => (typeof sample === 'number' ? sample : sample.wallMs);

try {
  const project = join(work, 'report');
  await copyProject(root, project);
  const cold = ['--no-cache'];
  const keep = join(work, 'print-html');
  const chapter = join(project, 'manuscript', '09-python-now.md');
  if (all || onlyStop) {
    // Ctrl-C once the charts are drawn (the browser is up): signal to exit, all released.
    await scenario('Ctrl-C during a cold build (signal → exit)', runs, () => stopTimeMs(project));
  }
  if (onlyVitals) {
    await runBuild(project, ['--only', 'web']);
    vitals = await measureWebVitals(join(project, 'dist', 'web'), (l) => process.stderr.write(`${l}\n`));
  }
  if (all) {
    // The peer runs in the same session, its runs interleaved with ours, so both see the same machine.
    const peer = await prepareMdToPdf(root, join(work, 'md-to-pdf'));
    const peerRuns: number[] = [];
    await scenario('cold (all outputs)', runs, async () => {
      peerRuns.push(await peer.run());
      await rm(keep, { recursive: true, force: true });
      return runBuild(project, cold, { PTR_KEEP_PRINT_DIR: keep });
    });
    results.push(summarize(`${MD_TO_PDF} (peer: the chapters' raw Markdown)`, peerRuns));
    await scenario('chromium floor (launch+load+print once)', runs, () => chromiumFloorMs(keep));
    // Warm: a cache from the previous build; then nothing changed (the record of that build is
    // read, nothing is written), then one chapter edited.
    await runBuild(project, []);
    await scenario('nothing changed', runs, async () => {
      const run = await runBuild(project, []);
      if (!run.unchanged) throw new Error('a build with nothing changed since the last one built again');
      return run;
    });
    const original = await readFile(chapter, 'utf8');
    await scenario('warm, one chapter edited', runs, async (i) => {
      await writeFile(chapter, `${original}\nAn edit for the benchmark, number ${i}.\n`);
      return runBuild(project, []);
    });
    await scenario('warm, one chapter edited, PDF only', runs, async (i) => {
      await writeFile(chapter, `${original}\nA PDF-only edit, number ${i}.\n`);
      return runBuild(project, ['--only', 'pdf']);
    });
    await scenario('warm, web edition only', runs, async (i) => {
      await writeFile(chapter, `${original}\nA web-only edit, number ${i}.\n`);
      return runBuild(project, ['--only', 'web']);
    });
    await writeFile(chapter, original);
    // Load-dependent measures of the web edition just built (tests do not assert them).
    vitals = await measureWebVitals(join(project, 'dist', 'web'), (l) => process.stderr.write(`${l}\n`));
  }
  // npm run dev: a saved chapter, until its open page serves the new HTML.
  const dev = !(all || onlyDev) ? undefined : await startDevReload(project);
  if (dev) try {
    await scenario('dev live reload, essay (save → page served)', runs, (i) =>
      dev.edit(join(project, 'manuscript', '03-asynchronous-python.md'), 'part-1/asynchronous-python/index.html', i));
    await scenario('dev live reload, report section with charts', runs, (i) =>
      dev.edit(chapter, 'part-2/python-now/index.html', i));
  } finally {
    await dev.close();
  }
  if (scale > 0 && all) {
    const big = join(work, `report-x${scale}`);
    await makeScaledBook(root, big, scale);
    await scenario(`${scale}× synthetic book, cold`, Math.min(runs, 2), () => runBuild(big, cold));
  }
  if (results.length > 0) process.stdout.write(`${formatTable(results)}\n`);
  if (vitals.length > 0) process.stdout.write(`\n${formatVitals(vitals)}\n`);
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'dist', 'bench.json'), `${JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length }, results, webVitals: vitals }, null, 2)}\n`);
  process.stdout.write(`\nwritten: dist/bench.json\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
