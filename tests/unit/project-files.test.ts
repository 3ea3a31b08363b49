import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../scripts/config/limits.js';
import { BuildError, formatDiagnostic } from '../../scripts/diagnostics/diagnostic.js';
import { loadSurvey } from '../../scripts/survey/load-survey.js';
import { ProjectFileError, fileKindOf, readProjectFile, readProjectFileSync, resolveProjectFile } from '../../scripts/diagnostics/project-files.js';

/**
 * Issue 21, classes 9 and 4: the one reader of sources reads only regular files, each within
 * its kind's size limit, checked on the open handle. A FIFO would block a plain read forever
 * (no writer ever comes): these tests finish only because it is refused.
 */
let root: string;
let socket: Server;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ptr-project-files-'));
  await mkdir(join(root, 'manuscript', 'folder.md'), { recursive: true });
  await writeFile(join(root, 'manuscript', 'ok.md'), '# fine\n');
  execFileSync('mkfifo', [join(root, 'manuscript', 'fifo.md')]);
  execFileSync('mkfifo', [join(root, 'styles.css')]);
  socket = createServer().listen(join(root, 'socket.md'));
  await new Promise((done) => socket.once('listening', done));
  await symlink('fifo.md', join(root, 'manuscript', 'link-to-fifo.md'));
  // Sparse: as large as it says, without the disk it would take.
  await writeFile(join(root, 'big.md'), '');
  await truncate(join(root, 'big.md'), LIMITS.fileBytes.chapter + 1);
  await writeFile(join(root, 'limit.md'), '');
  await truncate(join(root, 'limit.md'), LIMITS.fileBytes.chapter);
  await writeFile(join(root, 'big.svg'), '');
  await truncate(join(root, 'big.svg'), LIMITS.fileBytes.figure + 1);
});

afterAll(async () => {
  socket.close();
  await rm(root, { recursive: true, force: true });
});

async function refusal(path: string): Promise<ProjectFileError> {
  const e = await readProjectFile(root, path).catch((error: unknown) => error);
  expect(e, path).toBeInstanceOf(ProjectFileError);
  return e as ProjectFileError;
}

describe('readProjectFile reads only regular files', () => {
  it('reads a regular file', async () => {
    expect(await readProjectFile(root, 'manuscript/ok.md', 'utf8')).toBe('# fine\n');
    expect(readProjectFileSync(root, 'manuscript/ok.md')).toBe('# fine\n');
  });

  it('refuses a FIFO, a socket, a folder and a link to a FIFO, naming what each is', async () => {
    const cases: Array<[string, string]> = [
      ['manuscript/fifo.md', 'manuscript/fifo.md is not a regular file (a FIFO)'],
      ['manuscript/link-to-fifo.md', 'manuscript/link-to-fifo.md is not a regular file (a FIFO)'],
      ['styles.css', 'styles.css is not a regular file (a FIFO)'],
      ['socket.md', 'socket.md is not a regular file (a socket)'],
      ['manuscript/folder.md', 'manuscript/folder.md is not a regular file (a folder)'],
    ];
    for (const [path, message] of cases) {
      const e = await refusal(path);
      expect(e.problem, path).toBe('not-regular');
      expect(e.message).toBe(message);
      expect(e.ruleId).toBe('not-regular-file');
      expect(e.hint).toContain('regular file');
    }
    expect(() => readProjectFileSync(root, 'styles.css')).toThrow('styles.css is not a regular file (a FIFO)');
    // The survey export's path is checked as a read would be.
    await expect(resolveProjectFile(root, 'manuscript/fifo.md')).rejects.toThrow('is not a regular file (a FIFO)');
  });

  // Making a device needs root (CAP_MKNOD); a link to /dev/zero is refused as leading outside the project.
  it.skipIf(process.getuid?.() !== 0)('refuses a character device inside the project (a copy of /dev/zero: reading it never ends)', async () => {
    execFileSync('mknod', [join(root, 'manuscript', 'zero.md'), 'c', '1', '5']);
    const e = await refusal('manuscript/zero.md');
    expect(e.message).toBe('manuscript/zero.md is not a regular file (a character device)');
    await symlink('/dev/zero', join(root, 'manuscript', 'link-to-zero.md'));
    expect((await refusal('manuscript/link-to-zero.md')).problem).toBe('outside');
  });

  it('a missing file and one outside the project keep their kinds', async () => {
    expect((await refusal('manuscript/none.md')).problem).toBe('missing');
    expect((await refusal('../elsewhere.md')).problem).toBe('outside');
  });
});

describe('readProjectFile refuses a file larger than its kind may be', () => {
  it('by kind: a chapter over 2 MB, an SVG over 5 MB; a chapter at the limit is read', async () => {
    const chapter = await refusal('big.md');
    expect(chapter.problem).toBe('too-large');
    expect(chapter.ruleId).toBe('file-too-large');
    expect(chapter.message).toBe('big.md is 2,097,153 bytes, larger than the 2 MB a chapter may be');
    expect(chapter.hint).toContain('split it into several chapters');
    const figure = await refusal('big.svg');
    expect(figure.message).toBe('big.svg is 5,242,881 bytes, larger than the 5 MB an SVG figure may be');
    expect(figure.hint).toContain('svgo');
    expect((await readProjectFile(root, 'limit.md')).length).toBe(LIMITS.fileBytes.chapter);
    await expect(resolveProjectFile(root, 'big.md')).rejects.toThrow('larger than the 2 MB a chapter may be');
  });

  it('knows each source kind by its name', () => {
    expect(['manuscript/01-a.md', 'manuscript/figures/x.svg', 'styles/screen.css', 'charts/data/q.yaml', 'charts/q.vl.json', 'manuscript/book.yaml', 'responses/export.csv', 'x.bin'].map(fileKindOf))
      .toEqual(['chapter', 'figure', 'styleSheet', 'data', 'data', 'data', 'surveyExport', 'other']);
  });
});

describe('the survey export, read by its CSV parser', () => {
  const EXPORT = join(import.meta.dirname, '..', 'fixtures', 'survey-exports', 'one-column-per-question');

  async function exportErrors(replace: (csv: string) => Promise<void>): Promise<string[]> {
    const copy = await mkdtemp(join(tmpdir(), 'ptr-export-'));
    try {
      await cp(EXPORT, copy, { recursive: true });
      await replace(join(copy, 'responses', 'export.csv'));
      const error = await loadSurvey(copy).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BuildError);
      return (error as BuildError).diagnostics.map(formatDiagnostic);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }

  it('refuses an export that is a FIFO, at the survey file that names it', async () => {
    const errors = await exportErrors(async (csv) => {
      await rm(csv);
      execFileSync('mkfifo', [csv]);
    });
    expect(errors).toEqual([expect.stringMatching(/^charts\/data\/survey\.yaml:1:1: error: the survey export responses\/export\.csv is not a regular file \(a FIFO\) \[survey-export\]/)]);
  });

  it('refuses an export larger than 50 MB before it is parsed', async () => {
    const errors = await exportErrors((csv) => truncate(csv, LIMITS.fileBytes.surveyExport + 1));
    expect(errors).toEqual([expect.stringMatching(/^charts\/data\/survey\.yaml:1:1: error: the survey export responses\/export\.csv is 52,428,801 bytes, larger than the 50 MB a survey export may be \[survey-export\]\n {2}hint: export only the questions the report uses/)]);
  });
});
