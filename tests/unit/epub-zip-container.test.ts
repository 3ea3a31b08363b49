import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { prepareEpubZip, writeEpubZip } from '../../scripts/epub/zip-container.js';

const DATE = new Date('2023-05-17T10:20:30Z');
const files = new Map<string, string | Uint8Array>([
  ['OEBPS/b.xhtml', '<p>second</p>'.repeat(200)],
  ['META-INF/container.xml', '<container/>'],
  ['OEBPS/cover.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])],
  ['OEBPS/a.xhtml', 'ünïcode — text'],
]);

describe('the ePub container', () => {
  it('puts mimetype first and stored, the rest sorted, with their contents and one UTC date', async () => {
    const bytes = await writeEpubZip(files, DATE);
    // OCF: the first local header names `mimetype`, stored, with no extra field, at offset 0.
    const head = Buffer.from(bytes.slice(0, 58));
    expect(head.readUInt32LE(0)).toBe(0x04034b50);
    expect(head.readUInt16LE(8)).toBe(0);
    expect(head.readUInt16LE(28)).toBe(0);
    expect(head.subarray(30, 38).toString()).toBe('mimetype');
    expect(head.subarray(38, 58).toString()).toBe('application/epub+zip');
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(['mimetype', 'META-INF/container.xml', 'OEBPS/a.xhtml', 'OEBPS/b.xhtml', 'OEBPS/cover.png']);
    expect(await zip.file('OEBPS/a.xhtml')!.async('string')).toBe('ünïcode — text');
    expect(await zip.file('OEBPS/b.xhtml')!.async('string')).toBe(files.get('OEBPS/b.xhtml'));
    expect([...await zip.file('OEBPS/cover.png')!.async('uint8array')]).toEqual([...files.get('OEBPS/cover.png') as Uint8Array]);
    // unzip checks every CRC and reads the dates as written.
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      writeFileSync(join(dir, 'book.epub'), bytes);
      execFileSync('unzip', ['-tq', join(dir, 'book.epub')]);
      const listing = execFileSync('zipinfo', [join(dir, 'book.epub')], { encoding: 'utf8' });
      expect(listing).toMatch(/stor 23-May-17 10:20 mimetype/);
      expect(listing).toMatch(/defN 23-May-17 10:20 OEBPS\/b\.xhtml/);
      expect(listing).toMatch(/stor 23-May-17 10:20 OEBPS\/cover\.png/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same bytes in two steps as in one, and the same bytes every time', async () => {
    const whole = await writeEpubZip(files, DATE);
    expect(Buffer.from(await writeEpubZip(files, DATE)).equals(Buffer.from(whole))).toBe(true);
    const early = new Map(files);
    early.set('OEBPS/b.xhtml', 'stand-in');
    const late = await (await prepareEpubZip(early, DATE)).finish(new Map([['OEBPS/b.xhtml', files.get('OEBPS/b.xhtml')!]]));
    expect(Buffer.from(late).equals(Buffer.from(whole))).toBe(true);
  });
});
