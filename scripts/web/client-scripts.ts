import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser scripts of the web edition, by the name they are written under in assets/. */
export const CLIENT_SCRIPTS = {
  'charts.js': './client/charts.ts',
  'search.js': './client/search.ts',
} as const;

export type ClientScript = keyof typeof CLIENT_SCRIPTS;

/**
 * Bundles each browser script (TypeScript, type-checked with the rest) into one small classic
 * script: classic, not a module, because module scripts do not load from file:// pages.
 */
export async function bundleClientScripts(): Promise<Map<ClientScript, string>> {
  // Loaded when the scripts are bundled: the build keeps them in its cache (write-web.ts).
  const { build } = await import('esbuild');
  const names = Object.keys(CLIENT_SCRIPTS) as ClientScript[];
  const bundles = await Promise.all(names.map(async (name) => {
    const entry = fileURLToPath(new URL(CLIENT_SCRIPTS[name], import.meta.url));
    const result = await build({
      // Resolved from the scripts' own folder, not the process's working folder (which may be gone).
      entryPoints: [entry], absWorkingDir: dirname(entry),
      bundle: true, minify: true, format: 'iife', target: ['es2020'], write: false, charset: 'utf8', legalComments: 'eof',
      logLevel: 'silent',
    });
    return [name, result.outputFiles[0]!.text] as const;
  }));
  return new Map(bundles);
}
