import type { BuildResult, OutputKind } from '../build.js';
import { inputsUnchanged, optionsKey, readBuildRecord } from '../cache/build-record.js';
import { folderIsAsLeft } from '../publish/output-manifest.js';

/**
 * The result of the last build of `root` into `outDir` when a build now would be the same:
 * the same options, and every input (code, packages, environment, each file and folder it
 * read) and every file it wrote as it was. Otherwise (no record, any difference, anything
 * that cannot be read) undefined: then the build runs. Loads none of the build's heavy modules.
 */
export async function unchangedBuild(root: string, outDir: string, only: readonly OutputKind[], press: boolean): Promise<BuildResult | undefined> {
  try {
    const record = await readBuildRecord<BuildResult>(root, outDir);
    if (!record) return undefined;
    if (!await inputsUnchanged(root, record.inputs, optionsKey(only, press))) return undefined;
    if (!await folderIsAsLeft(outDir, record.outputs)) return undefined;
    return record.result;
  } catch {
    return undefined;
  }
}
