import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Validator {
  readonly name: string;
  readonly apt: string;
  readonly present: () => boolean;
}

const onPath = (cmd: string) => () => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';

export const VALIDATORS: readonly Validator[] = [
  { name: 'chromium', apt: 'chromium', present: () => Boolean(process.env.PUPPETEER_EXECUTABLE_PATH) || onPath('chromium')() || onPath('google-chrome')() },
  { name: 'epubcheck', apt: 'epubcheck', present: () => existsSync(EPUBCHECK_JAR) && onPath('java')() },
  { name: 'pdftotext', apt: 'poppler-utils', present: onPath('pdftotext') },
  { name: 'pdffonts', apt: 'poppler-utils', present: onPath('pdffonts') },
  { name: 'pdfinfo', apt: 'poppler-utils', present: onPath('pdfinfo') },
  { name: 'qpdf', apt: 'qpdf', present: onPath('qpdf') },
  { name: 'pikepdf', apt: 'python3-pikepdf', present: () => pikepdfPython() !== undefined },
  { name: 'ebook-convert', apt: 'calibre', present: onPath('ebook-convert') },
  // Ghostscript renders the press PDF as CMYK separations (tiffsep); its package brings the CMYK profile the press PDF embeds.
  { name: 'ghostscript', apt: 'ghostscript', present: onPath('gs') },
];

/**
 * A Python that can import Debian's pikepdf: the first `python3` on PATH, else the system one
 * (a version manager's python3 earlier on PATH does not see Debian's packages).
 */
export function pikepdfPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import pikepdf'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export function missingValidators(): Validator[] {
  return VALIDATORS.filter((v) => !v.present());
}

/**
 * True when the tool is there. A missing tool skips its tests with the reason, except under
 * CI=true, where it is a failure (the test command installs them there).
 */
export function hasValidator(name: string): boolean {
  const v = VALIDATORS.find((x) => x.name === name);
  if (!v) throw new Error(`unknown validator ${name}`);
  const ok = v.present();
  if (!ok && process.env.CI === 'true') throw new Error(`${name} is required under CI=true (apt-get install ${v.apt})`);
  if (!ok) console.warn(`skipping: ${name} is not installed (apt-get install ${v.apt})`);
  return ok;
}
