import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutDirRefused, checkOutDir } from '../../scripts/publish/out-dir.js';
import { MANIFEST } from '../../scripts/publish/output-manifest.js';
import { createStaging, removeStaleStaging } from '../../scripts/publish/staging.js';

/**
 * Issue 21, class 3: a build removes only what builds wrote. Publishing replaces an output only
 * when every file in it is one the manifest lists with the same bytes; the check runs before any
 * work (checkOutDir) and again on what publish moved aside, so a file added during the build is
 * kept too. Links are never followed; a manifest no build could write refuses the folder.
 */
const NAMES = ['book.pdf', 'book.epub', 'web', 'data-report.md'];
const parents: string[] = [];
afterAll(async () => {
  await Promise.all(parents.map((p) => rm(p, { recursive: true, force: true })));
});

async function folder(): Promise<{ parent: string; root: string; out: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'ptr-ownership-'));
  parents.push(parent);
  const root = join(parent, 'project');
  await mkdir(root);
  return { parent, root, out: join(parent, 'out') };
}

/** Publishes a small web edition and data report into `out` as a build does; returns the staging's parent listing after. */
async function publishOnce(root: string, out: string, web = 'new web', trustPresent = false): Promise<void> {
  const folder = await checkOutDir(root, out, NAMES);
  const staging = await createStaging(out, trustPresent ? { ...folder, trustPresent } : folder);
  await mkdir(join(staging.dir, 'web', 'assets'), { recursive: true });
  await writeFile(join(staging.dir, 'web', 'index.html'), web);
  await writeFile(join(staging.dir, 'web', 'assets', 'book.css'), 'body {}');
  await writeFile(join(staging.dir, 'data-report.md'), '# report');
  await staging.publish(['web', 'data-report.md']);
}

/** Every entry under a folder (links as links, never followed) with the hash of a file's bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else out[relative(dir, path)] = e.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : e.isSymbolicLink() ? 'link' : 'special';
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

async function refusal(root: string, out: string): Promise<OutDirRefused> {
  const e = await checkOutDir(root, out, NAMES).catch((error: unknown) => error);
  expect(e).toBeInstanceOf(OutDirRefused);
  return e as OutDirRefused;
}

describe('a folder without a manifest', () => {
  it('is refused when it holds any output name, naming the files, before anything is written', async () => {
    const { root, out } = await folder();
    await mkdir(join(out, 'web', 'blog'), { recursive: true });
    await writeFile(join(out, 'web', 'blog', 'index.html'), 'my blog');
    await writeFile(join(out, 'data-report.md'), 'my notes');
    await writeFile(join(out, 'book.pdf'), 'my book');
    const before = snapshot(out);
    const e = await refusal(root, out);
    expect(e.message).toBe('holds files this build did not write (book.pdf, data-report.md, web/blog/index.html)');
    expect(e.hint).toContain('choose an empty folder, or delete those files yourself');
    expect(snapshot(out)).toEqual(before);
  });

  it('names a few and counts the rest', async () => {
    const { root, out } = await folder();
    await mkdir(join(out, 'web'), { recursive: true });
    for (let i = 0; i < 9; i += 1) await writeFile(join(out, 'web', `page-${i}.html`), 'mine');
    expect((await refusal(root, out)).message).toBe('holds files this build did not write (web/page-0.html, web/page-1.html, web/page-2.html, web/page-3.html, web/page-4.html, and 4 more)');
  });

  it('publish refuses it too, even when checkOutDir was not asked, and puts everything back', async () => {
    const { out } = await folder();
    await mkdir(join(out, 'web'), { recursive: true });
    await writeFile(join(out, 'web', 'index.html'), 'mine');
    const before = snapshot(out);
    const staging = await createStaging(out);
    await mkdir(join(staging.dir, 'web'));
    await writeFile(join(staging.dir, 'web', 'index.html'), 'new');
    await expect(staging.publish(['web'])).rejects.toThrow('holds files this build did not write (web/index.html)');
    expect(snapshot(out)).toEqual(before);
    await staging.discard();
  });
});

describe('a folder a build published into', () => {
  it('writes a manifest of every file with its SHA-256, and a second build replaces the outputs', async () => {
    const { root, out } = await folder();
    await publishOnce(root, out, 'first');
    const manifest = JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as { version: number; files: Record<string, string> };
    expect(manifest.version).toBe(2);
    expect(Object.keys(manifest.files)).toEqual(['data-report.md', 'web/assets/book.css', 'web/index.html']);
    expect(manifest.files['web/index.html']).toBe(createHash('sha256').update('first').digest('hex'));
    await publishOnce(root, out, 'second');
    expect(await readFile(join(out, 'web', 'index.html'), 'utf8')).toBe('second');
  });

  it('refuses a file the author added inside web/, and one they changed, and removes neither', async () => {
    const { root, out } = await folder();
    await publishOnce(root, out);
    await mkdir(join(out, 'web', 'blog'));
    await writeFile(join(out, 'web', 'blog', 'index.html'), 'my blog');
    await writeFile(join(out, 'data-report.md'), '# report, with my notes');
    const before = snapshot(out);
    expect((await refusal(root, out)).message).toBe('holds files this build did not write (data-report.md (changed since a build wrote it), web/blog/index.html)');
    expect(snapshot(out)).toEqual(before);
  });

  it('keeps a file added while the build ran: publish checks what it moved aside and puts it all back', async () => {
    const { root, out } = await folder();
    await publishOnce(root, out);
    const staging = await createStaging(out, await checkOutDir(root, out, NAMES));
    await mkdir(join(staging.dir, 'web'));
    await writeFile(join(staging.dir, 'web', 'index.html'), 'newer');
    await writeFile(join(staging.dir, 'data-report.md'), 'newer');
    // After the check, before publish: the author saves a page into web/.
    await writeFile(join(out, 'web', 'draft.html'), 'my draft');
    const before = snapshot(out);
    await expect(staging.publish(['web', 'data-report.md'])).rejects.toThrow('holds files this build did not write (web/draft.html)');
    expect(snapshot(out)).toEqual(before);
    await staging.discard();
  });

  it('never follows a link: a `web` that leads out of the folder is refused, and what it leads to is kept', async () => {
    const { parent, root, out } = await folder();
    await publishOnce(root, out);
    const site = join(parent, 'my-site');
    await mkdir(site);
    await writeFile(join(site, 'index.html'), 'my site');
    await rm(join(out, 'web'), { recursive: true });
    await symlink(site, join(out, 'web'));
    const before = { out: snapshot(out), site: snapshot(site) };
    expect((await refusal(root, out)).message).toBe('holds files this build did not write (web (a symbolic link))');
    // Even a publish not told of it (the link made during the build) leaves link and site alone.
    const staging = await createStaging(out);
    await mkdir(join(staging.dir, 'web'));
    await expect(staging.publish(['web'])).rejects.toThrow('web (a symbolic link)');
    expect({ out: snapshot(out), site: snapshot(site) }).toEqual(before);
    expect(lstatSync(join(out, 'web')).isSymbolicLink()).toBe(true);
    await staging.discard();
  });

  it('refuses a link or a FIFO inside web/ without following or opening it', async () => {
    const { parent, root, out } = await folder();
    await publishOnce(root, out);
    await writeFile(join(parent, 'secret.txt'), 'mine');
    await symlink(join(parent, 'secret.txt'), join(out, 'web', 'secret.txt'));
    execFileSync('mkfifo', [join(out, 'web', 'pipe')]);
    expect((await refusal(root, out)).message).toBe('holds files this build did not write (web/pipe (a FIFO), web/secret.txt (a symbolic link))');
    expect(await readFile(join(parent, 'secret.txt'), 'utf8')).toBe('mine');
  });
});

describe('a manifest no build could have written', () => {
  const hash = '0'.repeat(64);
  const cases: Array<[string, string, string]> = [
    ['a path out of the folder', JSON.stringify({ version: 2, files: { '../x': hash } }), 'its .ptr-outputs.json lists "../x", which is not a path inside the folder: no build wrote it'],
    ['an absolute path', JSON.stringify({ version: 2, files: { '/etc/passwd': hash } }), 'its .ptr-outputs.json lists "/etc/passwd", which is not a path inside the folder: no build wrote it'],
    ['a path through ..', JSON.stringify({ version: 2, files: { 'web/../../x': hash } }), 'its .ptr-outputs.json lists "web/../../x", which is not a path inside the folder: no build wrote it'],
    ['no hash', JSON.stringify({ version: 2, files: { 'web/index.html': true } }), 'its .ptr-outputs.json lists "web/index.html" without a SHA-256: no build wrote it'],
    ['not JSON', '{"version": 2, ', 'its .ptr-outputs.json is not valid JSON: no build wrote it'],
    ['another format', JSON.stringify({ files: ['web'] }), 'its .ptr-outputs.json is not in the format builds write ({"version": 2, "files": {...}}): no build wrote it'],
  ];
  for (const [name, text, message] of cases) {
    it(`refuses the folder: ${name}`, async () => {
      const { parent, root, out } = await folder();
      await mkdir(out);
      await writeFile(join(out, MANIFEST), text);
      await writeFile(join(parent, 'x'), 'mine');
      const e = await refusal(root, out);
      expect(e.message).toBe(message);
      expect(e.hint).toBe('choose an empty folder, or delete .ptr-outputs.json and the outputs yourself');
      expect(await readFile(join(parent, 'x'), 'utf8')).toBe('mine');
    });
  }

  it('refuses a manifest that is a link or a FIFO, without following or opening it for long', async () => {
    const { parent, root, out } = await folder();
    await mkdir(out);
    await writeFile(join(parent, 'elsewhere.json'), JSON.stringify({ version: 2, files: {} }));
    await symlink(join(parent, 'elsewhere.json'), join(out, MANIFEST));
    expect((await refusal(root, out)).message).toBe('its .ptr-outputs.json is not a regular file (a symbolic link): no build wrote it');
    await rm(join(out, MANIFEST));
    execFileSync('mkfifo', [join(out, MANIFEST)]);
    expect((await refusal(root, out)).message).toBe('its .ptr-outputs.json is not a regular file (a FIFO): no build wrote it');
  });

  it('an earlier version\'s manifest (no files listed) does not vouch for what is in web/', async () => {
    const { root, out } = await folder();
    await mkdir(join(out, 'web'), { recursive: true });
    await writeFile(join(out, 'web', 'index.html'), 'old or mine?');
    await writeFile(join(out, MANIFEST), JSON.stringify({ entries: ['web'] }));
    const e = await refusal(root, out);
    expect(e.message).toBe('holds files this build did not write (web/index.html)');
    expect(e.hint).toContain('from an earlier version, which did not list the files');
  });
});

describe("the project's own dist/", () => {
  it('without a manifest (made before manifests listed files) is the build\'s: replaced, and its other outputs listed from then on', async () => {
    const { root } = await folder();
    const dist = join(root, 'dist');
    await mkdir(join(dist, 'web'), { recursive: true });
    await writeFile(join(dist, 'web', 'index.html'), 'old');
    await writeFile(join(dist, 'book.pdf'), 'old pdf');
    await writeFile(join(dist, 'notes.txt'), 'an author\'s notes beside the outputs');
    const found = await checkOutDir(root, dist, NAMES);
    expect(found.trustPresent).toBe(true);
    await publishOnce(root, dist);
    expect(await readFile(join(dist, 'web', 'index.html'), 'utf8')).toBe('new web');
    const files = (JSON.parse(await readFile(join(dist, MANIFEST), 'utf8')) as { files: Record<string, string> }).files;
    // The PDF an earlier build left stays replaceable: listed as it is.
    expect(Object.keys(files)).toEqual(['book.pdf', 'data-report.md', 'web/assets/book.css', 'web/index.html']);
    expect(await readFile(join(dist, 'notes.txt'), 'utf8')).toContain('notes');
    expect((await checkOutDir(root, dist, NAMES)).trustPresent).toBe(false);
  });

  it('with a manifest follows it: an author\'s page added in dist/web/ is refused, not deleted', async () => {
    const { root } = await folder();
    const dist = join(root, 'dist');
    await publishOnce(root, dist);
    await writeFile(join(dist, 'web', 'mine.html'), 'mine');
    expect((await refusal(root, dist)).message).toBe('holds files this build did not write (web/mine.html)');
    expect(await readFile(join(dist, 'web', 'mine.html'), 'utf8')).toBe('mine');
  });
});

describe('a build killed while it published', () => {
  it('a later build puts back what it had moved aside and not replaced, before removing its staging folder', async () => {
    const { root, out } = await folder();
    await publishOnce(root, out);
    await writeFile(join(out, 'web', 'draft.html'), 'my draft');
    const before = snapshot(out);
    // Killed (SIGKILL: no watchdog) after moving the old entries aside, before checking them.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const staging = join(out, '..', `.out-staging-${dead}-AbC123`);
    await mkdir(join(staging, '.previous'), { recursive: true });
    await writeFile(join(staging, '.lock'), String(dead));
    for (const entry of ['web', 'data-report.md']) execFileSync('mv', [join(out, entry), join(staging, '.previous', entry)]);
    await removeStaleStaging(out);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(staging)).toBe(false);
  });
});
