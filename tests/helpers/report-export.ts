// Writes a made-up export of the report's own questions, one column per question (Google Forms),
// for trying `npm run edition` as a new user would: tsx tests/helpers/report-export.ts <project> <out.csv>.
// The respondents are invented (a seeded generator, so the same file each time): test data only,
// never numbers for the report.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Question { id: string; title: string; kind: 'single' | 'multi'; max?: number; answers: { label: string }[] }

export async function reportExport(root: string, respondents = 102): Promise<string> {
  const dir = join(root, 'charts', 'data');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') && n !== 'aggregates.yaml' && n !== 'survey.yaml').sort();
  const questions = await Promise.all(names.map(async (n) => parse(await readFile(join(dir, n), 'utf8')) as Question));
  let seed = 2024;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const field = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['Timestamp', ...questions.map((q) => q.title)].map(field).join(',')];
  for (let r = 0; r < respondents; r += 1) {
    const cells = questions.map((q) => {
      // "Other", an answer the 2023 report never printed, as a survey tool offers it.
      const options = [...q.answers.map((a) => a.label), 'Other'];
      if (q.kind === 'single') return options[Math.floor(next() * options.length)]!;
      const picks = new Set<string>();
      const want = 1 + Math.floor(next() * (q.max ?? 3));
      while (picks.size < Math.min(want, options.length)) picks.add(options[Math.floor(next() * options.length)]!);
      return options.filter((o) => picks.has(o)).join(';');
    });
    lines.push([`2024/03/${String(1 + (r % 28)).padStart(2, '0')} 10:00:${String(r % 60).padStart(2, '0')}`, ...cells].map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [root, out] = process.argv.slice(2);
  await writeFile(out!, await reportExport(root!));
}
