// Our side of bench/ftfy.ts alone (fixText with mojibake-latin, unsafe fixes too, over the same
// documents), run after run, to profile it or to see how the first runs compare with the later
// ones (the JIT's warm-up weighs on the bench's median of five):
//
//   npx tsx bench/ftfy-profile.ts [news|cases] [runs]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ftfy-profile.ts cases 20
//   node bench/cpuprofile-top.mjs /tmp/prof/<the larger .cpuprofile> 50
//
// Prints the wall and CPU time of each run and a digest of the output, to check that a change
// to the repair changed no result.
import { createHash } from 'node:crypto';
import { fixText } from '../server/src/core/engine';
import { makeDocuments } from './ftfy-documents';
import { machineLine, wallAndCpu } from './util';

const kind = (process.argv[2] ?? 'news') as 'news' | 'cases';
const runs = Number(process.argv[3] ?? 10);
const docs = makeDocuments(kind);
const repair = (d: string) => fixText('bench.txt', d, { only: ['mojibake-latin'], unsafe: true }).text;

console.log(machineLine());
repair(docs[0]);
let out: string[] = [];
const rows: string[] = [];
for (let i = 0; i < runs; i++) {
  const { wall, cpu } = wallAndCpu(() => (out = docs.map(repair)));
  rows.push(`${(wall * 1e3).toFixed(1)}/${(cpu * 1e3).toFixed(1)}`);
}
console.log(`${kind}, ${docs.length} documents: ms per run, wall/CPU: ${rows.join(' ')}`);
console.log(`output digest ${createHash('sha256').update(out.join('\0')).digest('hex').slice(0, 16)}`);
