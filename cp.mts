import { build } from './scripts/build.ts';
import { openBuildCache } from './scripts/cache/build-cache.ts';
import { readFile, writeFile } from 'node:fs/promises';
const root = '/tmp/devperf';
const cache = await openBuildCache(root, { enabled: true });
await build({ root, outDir: root + '/dist', only: ['web'], cache });
const file = `${root}/manuscript/03-asynchronous-python.md`;
let text = await readFile(file, 'utf8');
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 8; i++) {
  text = text.replace(/\n$/, '') + `\n\nEdit number ${i}.\n`;
  await writeFile(file, text);
  await build({ root, outDir: root + '/dist', only: ['web'], cache });
}
const { profile } = await s.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/prof/warm.cpuprofile', JSON.stringify(profile));
