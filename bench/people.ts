// People extraction and indexing in CPU seconds (process.cpuUsage), medians of RUNS:
// `extractPeople` over every document of the 1 MB bench corpus (seed 42) and over one
// ~100 KB document (generated documents joined), and `PeopleIndex.apply` of the whole
// corpus as one batch (what a workspace scan does). "cold" clears the per-line caches
// (Simplified conversion, word boundaries) first, as a fresh server meets new files;
// "warm" leaves them filled, as when a document is re-extracted after an edit.
//
//   RUNS=5 npx tsx bench/people.ts
import { extractPeople } from '../server/src/people/extract';
import { PeopleIndex } from '../server/src/people/index';
import { clearLineCaches } from '../server/src/people/segments';
import { generateDocuments, totalBytes } from './generate';
import { cpuSeconds, machineLine, median } from './util';

const RUNS = Number(process.env.RUNS ?? 5);


console.log(machineLine());
const corpus = generateDocuments({ seed: 42, totalBytes: 1024 * 1024 });
const megabytes = totalBytes(corpus) / 1024 / 1024;
const big = generateDocuments({ seed: 7, totalBytes: 100 * 1024 }).map((g) => g.text).join('\n');
const batch = new Map(corpus.map((g) => [`file:///bench/${g.name}`, g.text]));

// Warm-up: JIT, OpenCC and segmenter dictionaries, division and syllable tables.
for (const g of corpus) extractPeople(g.text);
new PeopleIndex().apply(batch);

const rows: Record<string, { xs: number[]; mb: number }> = {};
const row = (what: string, mb: number, fn: () => void, cold: boolean) => {
  if (cold) clearLineCaches();
  (rows[what] ??= { xs: [], mb }).xs.push(cpuSeconds(fn));
};
for (let run = 0; run < RUNS; run++) {
  row('extractPeople, corpus, cold', megabytes, () => corpus.forEach((g) => extractPeople(g.text)), true);
  row('extractPeople, corpus, warm', megabytes, () => corpus.forEach((g) => extractPeople(g.text)), false);
  row('extractPeople, 100 KB document, cold', Buffer.byteLength(big) / 1024 / 1024, () => extractPeople(big), true);
  row('extractPeople, 100 KB document, warm', Buffer.byteLength(big) / 1024 / 1024, () => extractPeople(big), false);
  row('PeopleIndex.apply, corpus, cold', megabytes, () => new PeopleIndex().apply(batch), true);
  row('PeopleIndex.apply, corpus, warm', megabytes, () => new PeopleIndex().apply(batch), false);
}
console.log(`input: ${corpus.length} documents, ${megabytes.toFixed(2)} MB (seed 42); one document of ${(Buffer.byteLength(big) / 1024).toFixed(0)} KB; CPU seconds, median of ${RUNS}`);
console.log('| what | CPU ms | MB per CPU second |');
console.log('| --- | --- | --- |');
for (const [what, { xs, mb }] of Object.entries(rows)) console.log(`| ${what} | ${(median(xs) * 1000).toFixed(1)} | ${(mb / median(xs)).toFixed(1)} |`);
console.log(`(after: ${machineLine()})`);
