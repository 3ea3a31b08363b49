import { BuildError } from '../../diagnostics/diagnostic.js';
import { ProjectFileError, readProjectFile } from '../../diagnostics/project-files.js';
import type { BookConfig } from '../../config/load-book.js';
import { profileDescription, profileFault, systemProfile, SYSTEM_PROFILE, type OutputProfile } from './icc-profile.js';

/**
 * The CMYK profile the press PDF's output intent embeds: the printer's own, named in book.yaml
 * (`press: { profile: profiles/printer.icc }`, read as any project file: inside the project, a
 * regular file), or else Ghostscript's, found on the system. Neither: an error that says how to get one.
 */
export async function pressProfile(book: BookConfig, env: NodeJS.ProcessEnv = process.env): Promise<OutputProfile> {
  const named = book.press?.profile;
  if (named) {
    const at = book.pressProfilePosition ?? { line: 1, column: 1 };
    const fail = (message: string, hint: string, ruleId = 'press-profile'): never => {
      throw new BuildError([{ file: book.configPath, ...at, severity: 'error', message, hint, ruleId }]);
    };
    const bytes = await readProjectFile(book.root, named).catch((e: unknown) => {
      if (e instanceof ProjectFileError) return fail(`press profile ${named}: ${e.message}`, e.hint, e.ruleId);
      throw e;
    });
    const fault = profileFault(bytes);
    if (fault) fail(`press profile ${named} cannot be the printer's profile: ${fault}`, 'name the CMYK output profile (.icc) your printing house gives for its press and paper, such as ISO Coated v2 (FOGRA39) for coated paper');
    return { bytes: new Uint8Array(bytes), description: profileDescription(bytes) || named, from: named };
  }
  const system = await systemProfile(env);
  if (system) return system;
  throw new BuildError([{
    file: book.configPath, line: 1, column: 1, severity: 'error', ruleId: 'press-profile',
    message: `the press PDF needs a CMYK output profile: none is named in ${book.configPath} and Ghostscript's (${SYSTEM_PROFILE}) is not installed`,
    hint: `install it (Debian/Ubuntu: apt-get install libgs-common), or name your printer's profile in ${book.configPath}: press: { profile: profiles/printer.icc }`,
  }]);
}
