import { join } from 'node:path';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { build } from '../scripts/build.js';
import { readBrandTokens } from '../scripts/assets/brand-tokens.js';
import { BuildError } from '../scripts/diagnostics/diagnostic.js';
import { makePressPdf } from '../scripts/print/press-pdf.js';
import { systemProfile } from '../scripts/print/press/icc-profile.js';
import { makeFixtureBook } from './helpers/fixture-book.js';
import { pressOptions } from './helpers/press-options.js';
import { run } from './helpers/run.js';
import { hasValidator, pikepdfPython } from './helpers/validators.js';

const MM = 72 / 25.4;
const CHECK = join(import.meta.dirname, 'pdfua', 'check_press.py');

interface PressCheck {
  header: string;
  intents: Array<{ S: string; identifier: string; N: number | null; profile_bytes: number }>;
  info: { version: string; trapped: string };
  xmp: { version: string; trapped: string; document: string };
  id: string[];
  operators: Record<string, number>;
  spaces: Record<string, number>;
  images: string[];
  pages: Array<{ media: number[]; bleed: number[] | null; trim: number[] | null }>;
}

const words = (pdf: string) => new Set(run('pdftotext', [pdf, '-']).replace(/\u00ad/g, '').replace(/-\n/g, '').split(/\s+/).filter(Boolean));

/** pikepdf's reading of a press PDF (check_press.py). */
const checkPress = (pdf: string) => JSON.parse(run(pikepdfPython()!, [CHECK, pdf])) as PressCheck;

describe('the print-ready (--press) variant', () => {
  it('puts every page on a sheet with 3 mm bleed, crop marks, TrimBox and BleedBox', async () => {
    const pdf = await readFile(join(inject('reportDist'), 'python-tech-radar.pdf'));
    const source = await PDFDocument.load(pdf);
    const press = await PDFDocument.load((await makePressPdf(pdf, await pressOptions())).bytes);
    expect(press.getPageCount()).toBe(source.getPageCount());
    const page = press.getPage(0);
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    expect(trim.width).toBeCloseTo(595, 0);
    expect(trim.height).toBeCloseTo(842, 0);
    expect(bleed.width - trim.width).toBeCloseTo(6 * MM, 1);
    expect(trim.x - bleed.x).toBeCloseTo(3 * MM, 1);
    expect(page.getWidth()).toBeGreaterThan(bleed.width);
  });
});

describe('the press PDF of a fixture book, built for real, is a CMYK PDF/X-4', () => {
  let root: string;
  let out: string;
  let result: Awaited<ReturnType<typeof build>>;
  const press = () => join(out, 'fixture-book-press.pdf');
  const reader = () => join(out, 'fixture-book.pdf');
  // The press PDF's pikepdf reading, made once for the two cases that read it.
  let check: PressCheck | undefined;
  const pressCheck = () => (check ??= checkPress(press()));
  beforeAll(async () => {
    root = await makeFixtureBook();
    out = join(root, 'dist');
    // A first build into an empty cache (so every unit is printed and the press PDF made, as
    // with --no-cache): it leaves the book's .cache/ warm for the printer's-profile case, which is
    // about book.yaml's profile, not about a cold build. The same-bytes case builds again with no cache.
    result = await build({ root, outDir: out, only: ['pdf'], press: true });
  }, 300_000);

  it('has an output intent with a 4-channel profile, PDF/X-4 in Info and XMP, /Trapped, an /ID and nested boxes', () => {
    if (!hasValidator('pikepdf')) return;
    const check = pressCheck();
    expect(check.header).toBe('%PDF-1.6');
    expect(check.intents).toHaveLength(1);
    expect(check.intents[0]).toMatchObject({ S: '/GTS_PDFX', N: 4 });
    expect(check.intents[0]!.identifier).not.toBe('');
    expect(check.intents[0]!.profile_bytes).toBeGreaterThan(1000);
    expect(check.info).toEqual({ version: 'PDF/X-4', trapped: '/False' });
    expect(check.xmp).toMatchObject({ version: 'PDF/X-4', trapped: 'False' });
    expect(check.xmp.document).toMatch(/^uuid:[0-9a-f-]{36}$/);
    expect(check.id).toHaveLength(2);
    for (const { media, bleed, trim } of check.pages) {
      expect(bleed && trim).toBeTruthy();
      expect(media[0]! <= bleed![0]! && bleed![0]! < trim![0]! && trim![2]! < bleed![2]! && bleed![2]! <= media[2]!).toBe(true);
      expect(media[1]! <= bleed![1]! && bleed![1]! < trim![1]! && trim![3]! < bleed![3]! && bleed![3]! <= media[3]!).toBe(true);
    }
  });

  it('has no RGB operator or colour space anywhere (pages, forms, patterns, images), and paints in CMYK', () => {
    if (!hasValidator('pikepdf')) return;
    const check = pressCheck();
    expect(check.operators.rg ?? 0).toBe(0);
    expect(check.operators.RG ?? 0).toBe(0);
    expect(check.operators.k).toBeGreaterThan(10);
    expect(Object.keys(check.spaces).filter((s) => /RGB|ICCBased\(3\)/.test(s))).toEqual([]);
    expect(check.images.filter((s) => /RGB|ICCBased\(3\)/.test(s))).toEqual([]);
  });

  it('embeds every font and keeps the reader PDF\'s pages and text', () => {
    if (!hasValidator('pdffonts') || !hasValidator('pdftotext')) return;
    const fonts = run('pdffonts', [press()]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5)).toBe('yes');
    const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
    expect(pages(press())).toBe(pages(reader()));
    // Each text read once (reading the press PDF's again for every word of the reader's cost a pdftotext run per word).
    const pressWords = words(press());
    const missing = [...words(reader())].filter((w) => !pressWords.has(w));
    expect(missing).toEqual([]);
  });

  it('prints the brand\'s print values exactly: the cover\'s ground in Ghostscript\'s separations is --brand-deep-print', async () => {
    if (!hasValidator('ghostscript') || !hasValidator('pikepdf')) return;
    const dir = await mkdtemp(join(tmpdir(), 'ptr-sep-'));
    run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=tiffsep', '-r36', '-dFirstPage=1', '-dLastPage=1', `-sOutputFile=${join(dir, 'p.tif')}`, press()]);
    expect((await readdir(dir)).sort()).toEqual(['p(Black).tif', 'p(Cyan).tif', 'p(Magenta).tif', 'p(Yellow).tif', 'p.tif']);
    // A point inside the bleed of the cover (1 mm outside the trim at 36 dpi is about 1.5 px): its four separations.
    const at = Math.round((10 + 2) * (36 / 25.4));
    const script = `from PIL import Image\nimport sys\nprint(*[255 - Image.open(f'${dir}/p({s}).tif').getpixel((${at}, ${at})) for s in ('Cyan', 'Magenta', 'Yellow', 'Black')])`;
    const inks = run(pikepdfPython()!, ['-c', script]).trim().split(' ').map((v) => Number(v) / 255);
    const expected = readBrandTokens(root).cmyk('brand-deep-print');
    inks.forEach((ink, i) => expect(ink).toBeCloseTo(expected[i]!, 2));
  });

  it('prints the press preflight: colour spaces, every converted colour, no findings for the fixture', () => {
    const text = result.preflight!.join('\n');
    expect(text).toMatch(/Press preflight: \d+ pages; colour spaces [^;]*DeviceCMYK/);
    expect(text).not.toMatch(/colour spaces [^;]*DeviceRGB/);
    expect(text).toMatch(/#14213d → C0 M0 Y0 K100 \(--ink-print/);
    expect(result.warnings.filter((w) => w.ruleId === 'press-preflight')).toEqual([]);
  });

  it('writes the same bytes again from the same sources', async () => {
    const again = join(root, 'dist-again');
    await build({ root, outDir: again, only: ['pdf'], press: true, noCache: true });
    expect(Buffer.compare(await readFile(join(again, 'fixture-book-press.pdf')), await readFile(press()))).toBe(0);
  }, 300_000);

  it('embeds the printer\'s own profile named in book.yaml, and refuses one that is no CMYK profile at its place', async () => {
    const system = await systemProfile();
    if (!system) throw new Error('no CMYK profile: apt-get install libgs-common');
    await mkdir(join(root, 'profiles'), { recursive: true });
    // The printer's profile: the same bytes with another description would need an ICC editor; its name in book.yaml is what changes.
    await writeFile(join(root, 'profiles', 'printer.icc'), system.bytes);
    const yaml = await readFile(join(root, 'manuscript', 'book.yaml'), 'utf8');
    await writeFile(join(root, 'manuscript', 'book.yaml'), `${yaml}press:\n  profile: profiles/printer.icc\n  condition: CGATS TR 001\n`);
    const named = join(root, 'dist-named');
    await build({ root, outDir: named, only: ['pdf'], press: true });
    if (hasValidator('pikepdf')) {
      const check = checkPress(join(named, 'fixture-book-press.pdf'));
      expect(check.intents[0]!.identifier).toBe('CGATS TR 001');
    }
    await copyFile(join(root, 'manuscript', 'book.yaml'), join(root, 'manuscript', 'book.yaml.bak'));
    await writeFile(join(root, 'profiles', 'printer.icc'), 'not a profile at all, but long enough to be read as one: '.repeat(4));
    const error = await build({ root, outDir: join(root, 'dist-bad'), only: ['pdf'], press: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const d = (error as BuildError).diagnostics[0]!;
    const line = yaml.split('\n').length + 1;
    expect(`${d.file}:${d.line}:${d.column}: ${d.message}`).toMatch(new RegExp(`^manuscript/book.yaml:${line}:12: press profile profiles/printer.icc cannot be the printer's profile: it is not an ICC profile`));
  }, 600_000);
});
