// `npm run build` and `npm run dev`: scripts/cli.ts, run from an esbuild bundle of this
// repository's own code (packages stay external), made on the first run and again whenever a
// file under scripts/, package.json or the lock changes. Why: through tsx, every start sends
// each module's resolution and compilation through tsx's loader thread: measured on 2 shared
// cores, the first stage began after 1.5 s through tsx and 0.75 s from the bundle, and a cold
// build took ~3 s of CPU less (issue 17).
// If the bundle cannot be made (no esbuild binary for this platform), tsx runs the sources.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPTS = join(ROOT, 'scripts');
const ENTRY = join(SCRIPTS, 'cli.ts');
const BUNDLES = join(ROOT, 'node_modules', '.cache', 'python-tech-radar', 'cli');
/** An old bundle is deleted only when unused this long: a running build may still load its chunks. */
const OLD_AFTER_MS = 24 * 60 * 60 * 1000;

/** Every file the bundle is made from, and where this checkout is (the bundle names its source paths). */
async function sourceHash() {
  const files = [...await listFiles(SCRIPTS)].sort();
  const hash = createHash('sha256').update(ROOT).update('\0');
  for (const file of [...files, join(ROOT, 'package.json'), join(ROOT, 'package-lock.json')]) {
    hash.update(relative(ROOT, file)).update('\0').update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? listFiles(path) : Promise.resolve(e.isFile() ? [path] : []);
  }));
  return nested.flat();
}

/**
 * The sources keep meaning what they mean unbundled: `import.meta.dirname`/`url`/`filename` in a
 * module name that module's own file (the pipeline finds fonts, package.json and client scripts
 * from them), not the bundle's.
 */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => {
      if (!path.startsWith(SCRIPTS)) return undefined;
      const text = (await readFile(path, 'utf8'))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href));
      return { contents: text, loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', resolveDir: dirname(path) };
    });
  },
};

/** The bundle's entry file, made unless this exact source already has one. */
async function bundled() {
  const dir = join(BUNDLES, await sourceHash());
  const entry = join(dir, 'cli.mjs');
  if (await stat(entry).then(() => true, () => false)) {
    // In use: pruning (below, by another source's first run) goes by this time.
    await utimes(dir, new Date(), new Date()).catch(() => undefined);
    return entry;
  }
  const { build } = await import('esbuild');
  await mkdir(BUNDLES, { recursive: true });
  const temp = join(BUNDLES, `.tmp-${randomBytes(6).toString('hex')}`);
  try {
    // Chunks keep the commands' dynamic imports lazy: a web-only build never loads puppeteer.
    await build({
      entryPoints: { cli: ENTRY }, outdir: temp, outExtension: { '.js': '.mjs' }, bundle: true, splitting: true,
      format: 'esm', platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked',
      logLevel: 'silent', plugins: [ownImportMeta],
    });
    // Two first runs at once: whichever renames first wins, the other's copy is dropped.
    await rename(temp, dir).catch(async (e) => {
      if (!(await stat(entry).then(() => true, () => false))) throw e;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  await pruneOld(dir);
  return entry;
}

async function pruneOld(keep) {
  const now = Date.now();
  for (const name of await readdir(BUNDLES).catch(() => [])) {
    const path = join(BUNDLES, name);
    if (path === keep) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > OLD_AFTER_MS) await rm(path, { recursive: true, force: true });
  }
}

let entry;
try {
  entry = await bundled();
} catch {
  entry = undefined;
}
if (entry) {
  // Stack traces (printed with --verbose) point into the sources, not the bundle.
  if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(ENTRY).href);
}
