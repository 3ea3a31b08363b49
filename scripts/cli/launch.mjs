// `npm run build` and `npm run dev`: scripts/cli.ts, run from an esbuild bundle of this
// repository's own code and its pure-JavaScript packages, made on the first run and again
// whenever a file under scripts/, package.json, the lock or what npm installed changes. Why: through tsx, every start sends
// each module's resolution and compilation through tsx's loader thread: measured on 2 shared
// cores, the first stage began after 1.5 s through tsx and 0.75 s from the bundle, and a cold
// build took ~3 s of CPU less (issue 17). Bundling the unified family, pdf-lib, yaml, zod and
// the other pure-JavaScript packages too (hundreds of small files, each resolved and compiled
// on every start) took a warm web-only build from 2.8 to 2.45 s of CPU (issue 22).
// If the bundle cannot be made (no esbuild binary for this platform), tsx runs the sources.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPTS = join(ROOT, 'scripts');
const ENTRY = join(SCRIPTS, 'cli.ts');
const BUNDLES = join(ROOT, 'node_modules', '.cache', 'python-tech-radar', 'cli');
/** An old bundle is deleted only when unused this long: a running build may still load its chunks. */
const OLD_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Every file the bundle is made from, and where this checkout is (the bundle names its source
 * paths). Reading them all took ~0.1 s of every start, half of a build that finds nothing
 * changed: the hash is kept with the files' metadata (size, times, inode) and read again, not
 * made, while that metadata is the same, as git's index does. Files changed in the last
 * seconds before hashing are never trusted to their metadata (an edit within the file
 * system's clock tick keeps the time): until they are older, the hash is made each time.
 */
async function sourceHash() {
  // npm rewrites node_modules/.package-lock.json on every install: packages are in the bundle.
  const files = [...(await listFiles(SCRIPTS)).sort(), ...['package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((name) => join(ROOT, name))];
  const infos = await Promise.all(files.map((file) => stat(file, { bigint: true }).catch(() => undefined)));
  const meta = createHash('sha256').update(ROOT).update('\0');
  files.forEach((file, i) => {
    const info = infos[i];
    meta.update(`${relative(ROOT, file)}\0${info ? `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}` : '-'}\0`);
  });
  const metadata = meta.digest('hex');
  const kept = join(BUNDLES, `source-${createHash('sha256').update(ROOT).digest('hex').slice(0, 16)}.json`);
  const known = await readFile(kept, 'utf8').then(JSON.parse, () => undefined);
  if (known?.metadata === metadata && typeof known.hash === 'string') return known.hash;
  const hashedAt = Date.now();
  const hash = createHash('sha256').update(ROOT).update('\0');
  for (const file of files) {
    hash.update(relative(ROOT, file)).update('\0').update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  const digest = hash.digest('hex').slice(0, 24);
  // BigInt times: Math.max cannot compare them (Biome's fix to use it broke every bundle for a day).
  // biome-ignore lint/complexity/useMathMinMax: Math.max throws on BigInts
  const newest = Math.max(...infos.map((info) => Number(info ? (info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs) / 1000000n : 0n)));
  if (newest < hashedAt - SETTLED_MS) await writeKept(kept, JSON.stringify({ metadata, hash: digest }));
  return digest;
}

/** How old every source must be before its hash is trusted to its metadata. */
const SETTLED_MS = 3000;

/** Written through a temporary name; a read-only node_modules only costs the next start its shortcut. */
async function writeKept(path, text) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
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

/**
 * Packages left outside the bundle, loaded from node_modules as before: those that find files of
 * their own at run time (a browser, wasm, native addons, fonts, templates, hyphenation patterns,
 * schemas resolved by path), the build tools, and the big ones only some builds load (vega, shiki).
 */
const OUTSIDE = new Set([
  'puppeteer', 'puppeteer-core', '@sparticuz/chromium', 'esbuild', 'tsx', '@resvg/resvg-js', 'subset-font',
  'fontverter', 'fontkit', 'shiki', 'vega', 'vega-lite', 'epub-gen-memory', 'hyphen', 'chokidar', 'ws',
  'jszip', 'tar-fs', 'lighthouse', 'axe-core', 'mupdf',
]);
const packagesOutside = {
  name: 'packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return OUTSIDE.has(name) || path.startsWith('node:') ? { path, external: true } : undefined;
    });
  },
};

/** The bundle's entry file, made unless this exact source already has one. */
async function bundled() {
  const hash = await sourceHash();
  // The pipeline's identity for the build record (scripts/cache/pipeline-version.ts): not made twice.
  globalThis[Symbol.for('python-tech-radar.source-hash')] = hash;
  const dir = join(BUNDLES, hash);
  const entry = join(dir, 'cli.mjs');
  if (await stat(entry).then(() => true, () => false)) {
    // In use: pruning (below, by another source's first run) goes by this time.
    await utimes(dir, new Date(), new Date()).catch(() => undefined);
    return entry;
  }
  const { build } = await import('esbuild').catch((e) => {
    throw Object.assign(new Error(`esbuild cannot be loaded here (${e.message})`), { expected: true });
  });
  await mkdir(BUNDLES, { recursive: true });
  const temp = join(BUNDLES, `.tmp-${randomBytes(6).toString('hex')}`);
  try {
    // Chunks keep the commands' dynamic imports lazy: a web-only build never loads puppeteer.
    await build({
      entryPoints: { cli: ENTRY }, outdir: temp, outExtension: { '.js': '.mjs' }, bundle: true, splitting: true,
      format: 'esm', platform: 'node', target: 'node20', sourcemap: 'linked',
      logLevel: 'silent', plugins: [ownImportMeta, packagesOutside],
      // Bundled CommonJS packages call require() for Node's own modules.
      banner: { js: "import { createRequire as __ptrCreateRequire } from 'node:module'; const require = __ptrCreateRequire(import.meta.url);" },
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
} catch (e) {
  // No esbuild for this platform: the sources run, as documented. Anything else is a fault of
  // the launcher's own, said on every run (it costs each start ~1.5 s of CPU), not hidden.
  if (!e?.expected) process.stderr.write(`note: running the sources through tsx, the command line's bundle could not be made: ${e?.message ?? e}\n`);
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
