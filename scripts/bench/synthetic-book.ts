import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** Copies the project's sources (not dist/, not node_modules) into `dir`. */
export async function copyProject(root: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const part of ['manuscript', 'charts', 'styles']) await cp(join(root, part), join(dir, part), { recursive: true });
}

/**
 * A book `times` the report: every chapter repeated with fresh file names, heading ids and
 * chart ids (so 28 charts become 28 × times), for the scale scenario.
 */
export async function makeScaledBook(root: string, dir: string, times: number): Promise<void> {
  await copyProject(root, dir);
  const book = parse(await readFile(join(root, 'manuscript', 'book.yaml'), 'utf8')) as { chapters: string[]; output: string };
  const questions = (await readdir(join(root, 'charts', 'data'))).filter((f) => f.endsWith('.yaml') && f !== 'aggregates.yaml').map((f) => f.slice(0, -5));
  const chapters: string[] = [];
  for (let k = 1; k <= times; k++) {
    const suffix = k === 1 ? '' : `-x${k}`;
    for (const [i, name] of book.chapters.entries()) {
      const slug = name.replace(/^\d+-/, '').replace(/\.md$/, '');
      const file = `${String((k - 1) * book.chapters.length + i).padStart(3, '0')}-${slug}${suffix}.md`;
      let text = await readFile(join(root, 'manuscript', name), 'utf8');
      for (const q of questions) text = text.replaceAll(`{#${q}}`, `{#${q}${suffix}}`).replaceAll(`:stat[${q}/`, `:stat[${q}${suffix}/`);
      await writeFile(join(dir, 'manuscript', file), text);
      chapters.push(file);
    }
    if (k === 1) continue;
    for (const q of questions) {
      const data = parse(await readFile(join(root, 'charts', 'data', `${q}.yaml`), 'utf8')) as { id: string };
      data.id = `${q}${suffix}`;
      await writeFile(join(dir, 'charts', 'data', `${q}${suffix}.yaml`), stringify(data));
      // A spec binds its data by name ({"data": {"name": id}}, expanded by the chart template): rename it in the parsed spec, whatever the spacing.
      const spec = JSON.parse(await readFile(join(root, 'charts', `${q}.vl.json`), 'utf8')) as { data: { name: string } };
      spec.data.name = `${q}${suffix}`;
      await writeFile(join(dir, 'charts', `${q}${suffix}.vl.json`), `${JSON.stringify(spec)}\n`);
    }
  }
  for (const f of book.chapters) await rm(join(dir, 'manuscript', f));
  await writeFile(join(dir, 'manuscript', 'book.yaml'), stringify({ ...book, chapters }));
}
