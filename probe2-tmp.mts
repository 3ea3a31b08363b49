import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { pageGeometry } from './scripts/print/page-geometry.ts';
import { readStructTree, blockOf } from './scripts/print/struct-tree.ts';
const doc = await PDFDocument.load(readFileSync(process.argv[2]!), { updateMetadata: false });
const tree = readStructTree(doc);
for (const n of process.argv.slice(3).map(Number)) {
  const geo = pageGeometry(doc.getPage(n - 1));
  console.log('--- page', n);
  for (const e of geo.slice(0, 12)) {
    const el = e.mcid !== undefined ? tree.owners[n - 1]!.get(e.mcid) : undefined;
    const chain = []; for (let a = el; a; a = a.parent) chain.push(a.type);
    console.log(e.mcid ?? (e.artifact ? 'A' : '-'), e.top.toFixed(0), e.bottom.toFixed(0), e.baselines.size, chain.join('<'), el ? blockOf(el).type : '');
  }
}
