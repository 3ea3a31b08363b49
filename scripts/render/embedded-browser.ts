import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';
import { toolCachePath } from '../cache/tool-cache.js';

/** The Chromium shipped inside the `@sparticuz/chromium` npm package, unpacked and ready to run. */
export interface EmbeddedBrowser {
  readonly executablePath: string;
  /** NSS and expat, shipped alongside: a machine without a system Chromium often lacks them. */
  readonly libraryPath: string;
  readonly version: string;
}

/** Why there is no embedded browser here, or undefined when there is one. */
export function embeddedUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `the embedded Chromium (@sparticuz/chromium) is built for Linux x64 only; this is ${process.platform} ${process.arch}`;
  }
  return packageDir() ? undefined : 'the embedded Chromium (@sparticuz/chromium) is not installed: run npm ci';
}

/**
 * Unpacks the package's brotli-packed Chromium once into a folder named after the package's
 * version, and returns it. Its own `executablePath()` unpacks to fixed names in the shared temp
 * folder and keeps whatever is already there, so another version's or another user's leftovers
 * would be run (another version's crashed its GPU process); a folder of our own, per version,
 * written under a temporary name and renamed when complete, is never half-written or foreign.
 */
export async function unpackEmbeddedBrowser(signal?: AbortSignal): Promise<EmbeddedBrowser> {
  const pkg = packageDir();
  if (!pkg) throw new Error(embeddedUnavailable());
  const { version } = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const failures: string[] = [];
  for (const dir of placesFor(`chromium-${version}`)) {
    const browser = { executablePath: join(dir, 'chromium'), libraryPath: join(dir, 'lib'), version };
    if (await isExecutable(browser.executablePath)) return browser;
    try {
      await unpackInto(join(pkg, 'bin'), dir, signal);
      return browser;
    } catch (e) {
      signal?.throwIfAborted();
      failures.push(`${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`could not unpack the embedded Chromium:\n  ${failures.join('\n  ')}`);
}

function packageDir(): string | undefined {
  try {
    // The package exports only its entry point (build/cjs/index.cjs): its root is two folders up.
    return join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..');
  } catch {
    return undefined;
  }
}

/** The project's tool cache first (removed with node_modules); the user's cache if node_modules is read-only. */
function placesFor(name: string): string[] {
  const userCache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return [toolCachePath(name), join(userCache, 'python-tech-radar', name)];
}

async function unpackInto(bin: string, dir: string, signal?: AbortSignal): Promise<void> {
  const temp = `${dir}.${process.pid}.tmp`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    // Only the browser and its libraries: fonts come from the book, and the GPU (SwiftShader) is off.
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(temp, 'chromium'), { mode: 0o755 }), { signal }),
      pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), extract(temp), { signal }),
    ]);
    await rename(temp, dir).catch(async (e: unknown) => {
      // Another build unpacked the same version meanwhile: use its copy.
      if (!(await isExecutable(join(dir, 'chromium')))) throw e;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(() => true, () => false);
}
