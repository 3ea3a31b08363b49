import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findBrowser } from '../../scripts/render/find-browser.js';

/** Ace by DAISY's command line, a devDependency (@daisy/ace-cli: no Electron, unlike @daisy/ace). */
export const ACE_BIN = join(process.cwd(), 'node_modules', '@daisy', 'ace-cli', 'bin', 'ace.js');

export interface AceViolation {
  readonly file: string;
  readonly rule: string;
  readonly impact: string;
  readonly description: string;
  readonly where: readonly string[];
  readonly html: string;
}

export interface AceResult {
  readonly outcome: string;
  readonly violations: readonly AceViolation[];
  /** Accessibility metadata Ace found missing from the package document (advice, not a violation). */
  readonly missingMetadata: readonly string[];
  readonly properties: Record<string, boolean>;
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  'a11y-metadata': { missing: string[] };
  properties: Record<string, boolean>;
  assertions: Array<{
    'earl:testSubject': { url: string };
    assertions: Array<{
      'earl:result': { 'earl:outcome': string; 'dct:description': string; 'earl:pointer'?: { css?: string[] }; html?: string };
      'earl:test': { 'dct:title': string; 'earl:impact': string };
    }>;
  }>;
}

/**
 * Runs Ace on an ePub and reads its JSON report. Ace launches Chromium through puppeteer with
 * --no-sandbox already (ace-axe-runner-puppeteer), so running as root needs nothing more;
 * puppeteer never downloads a browser here (.puppeteerrc.cjs), so Ace is pointed at the same
 * system Chromium the build uses through PUPPETEER_EXECUTABLE_PATH.
 */
export async function runAce(epubPath: string): Promise<AceResult> {
  if (!existsSync(ACE_BIN)) throw new Error(`Ace is not installed at ${ACE_BIN} (npm install)`);
  const out = await mkdtemp(join(tmpdir(), 'ptr-ace-'));
  try {
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: (await findBrowser()).executablePath };
    try {
      await promisify(execFile)(process.execPath, [ACE_BIN, '--silent', '--force', '--outdir', out, '--tempdir', join(out, 'tmp'), epubPath], {
        env, maxBuffer: 32 * 1024 * 1024, timeout: 170_000,
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`Ace failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as AceReport;
    const violations = report.assertions.flatMap((doc) => doc.assertions
      .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
      .map((a) => ({
        file: doc['earl:testSubject'].url,
        rule: a['earl:test']['dct:title'],
        impact: a['earl:test']['earl:impact'],
        description: a['earl:result']['dct:description'],
        where: a['earl:result']['earl:pointer']?.css ?? [],
        html: a['earl:result'].html ?? '',
      })));
    return { outcome: report['earl:result']['earl:outcome'], violations, missingMetadata: report['a11y-metadata'].missing, properties: report.properties };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Every violation in full, one block each, for a failing assertion's message. */
export function formatViolations(violations: readonly AceViolation[]): string {
  return violations.map((v) => [
    `${v.file}: [${v.impact}] ${v.rule}: ${v.description}`,
    ...v.where.map((w) => `    at ${w}`),
    ...(v.html ? [`    ${v.html}`] : []),
  ].join('\n')).join('\n');
}
