import type { BuildResult, OutputName } from '../build.js';
import { changedInput, optionsKey, readBuildRecord } from '../cache/build-record.js';
import { folderIsAsLeft } from '../publish/output-manifest.js';

/**
 * The result of the last build of `root` into `outDir` when a build now would be the same:
 * the same options, and every input (code, packages, environment, each file and folder it
 * read) and every file it wrote as it was. Otherwise (no record, any difference, anything
 * that cannot be read) why not, in words for --verbose: then the build runs. Loads none of the
 * build's heavy modules.
 */
export async function unchangedBuild(root: string, outDir: string, only: readonly OutputName[], press: boolean): Promise<{ result: BuildResult } | { why: string }> {
  try {
    const record = await readBuildRecord<BuildResult>(root, outDir);
    if (!record) return { why: 'no record of a last build into this folder' };
    const changed = await changedInput(root, record.inputs, optionsKey(only, press));
    if (changed) return { why: changed };
    if (!await folderIsAsLeft(outDir, record.outputs)) return { why: 'the output folder is not as the last build left it' };
    return { result: record.result };
  } catch (e) {
    return { why: `the last build's record could not be checked (${e instanceof Error ? e.message : String(e)})` };
  }
}
