// Retained heap of a Corpus per MB of input: line statistics, rare-character counts
// and (after one lint with context-repair) its index of adjacent character pairs.
//
//   node --expose-gc --import tsx bench/corpus-memory.ts [MB]      (default 10)
//   LINT=1 …   also lints every document with all rules and reports what the rules'
//              per-corpus caches (line locations, segmentations, facts) keep after it
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import { lint } from '../server/src/core/engine';
import { generateDocuments, totalBytes } from './generate';
import { machineLine } from './util';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mb = Number(process.argv[2] ?? 10);

function heapMB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

console.log(machineLine());
// Load the rules' tables before the baseline: codec tables and OpenCC's dictionaries,
// also the regional ones a Traditional document's region detection loads (~80 MB of
// tries, once per process whatever the corpus size).
lint(new SeedDocument('file:///warm.txt', '發(fā)展 ?中國 Ã© 鍏 &nbsp;\n這是我們國家長期發展經濟擴大對外開放的戰略，總書記強調協調發展。'), {});
let generated = generateDocuments({ seed: 42, totalBytes: mb * 1024 * 1024 });
const inputMB = totalBytes(generated) / 1024 / 1024;
// The texts themselves, as the server holds them once read (UTF-16 in V8 for Chinese text).
const texts = generated.map((g) => ({ uri: `file:///bench/${g.name}`, text: g.text }));
generated = [];
const base = heapMB();
const corpus = new Corpus();
for (const t of texts) corpus.set(t.uri, t.text);
const afterSet = heapMB();
// context-repair builds its pair index on the first document with damage.
const damaged = texts.find((t) => t.text.includes('?'))!;
lint(new SeedDocument(damaged.uri, damaged.text), { corpus, only: ['context-repair'] });
const afterIndex = heapMB();
console.log(`input: ${texts.length} documents, ${inputMB.toFixed(2)} MB UTF-8 (texts held outside the corpus too, not counted)`);
console.log('| what | retained MB | per MB of input |');
console.log('| --- | --- | --- |');
console.log(`| Corpus.set (line statistics, rare characters) | ${(afterSet - base).toFixed(1)} | ${((afterSet - base) / inputMB).toFixed(1)} |`);
console.log(`| + context-repair pair index and views | ${(afterIndex - afterSet).toFixed(1)} | ${((afterIndex - afterSet) / inputMB).toFixed(1)} |`);
console.log(`| total | ${(afterIndex - base).toFixed(1)} | ${((afterIndex - base) / inputMB).toFixed(1)} |`);
if (process.env.LINT) {
  for (const t of texts) lint(new SeedDocument(t.uri, t.text), { corpus });
  const afterLint = heapMB();
  console.log(`| + caches kept after linting every document | ${(afterLint - afterIndex).toFixed(1)} | ${((afterLint - afterIndex) / inputMB).toFixed(1)} |`);
  console.log(`| total after the lint | ${(afterLint - base).toFixed(1)} | ${((afterLint - base) / inputMB).toFixed(1)} |`);
}
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB; corpus size ${corpus.size}`);
