// The main rows of bench/pipeline.ts in CPU seconds of this process (process.cpuUsage)
// rather than wall time: on a shared machine a process waiting for a core shows in
// wall time but not here, so before/after comparisons under load are steadier.
// (Contention for caches and hyperthreads still shows.) Medians of RUNS.
//
//   RUNS=3 SIZE_MB=1 npx tsx bench/pipeline-cpu.ts     (SIZE_MB=10 or 50 for the larger inputs; SKIP_FIX=1 leaves out fix-all)
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import { fixText, lint } from '../server/src/core/engine';
import { generateDocuments, totalBytes } from './generate';
import { cpuSeconds, machineLine, median } from './util';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZE_MB = Number(process.env.SIZE_MB ?? 1);
const SKIP_FIX = process.env.SKIP_FIX === '1';


console.log(machineLine());
const generated = generateDocuments({ seed: 42, totalBytes: SIZE_MB * 1024 * 1024 });
const megabytes = totalBytes(generated) / 1024 / 1024;
const build = () => {
  const corpus = new Corpus();
  const docs = generated.map((g) => new SeedDocument(`file:///bench/${g.name}`, g.text));
  for (const d of docs) corpus.set(d.uri, d.text);
  return { corpus, docs };
};
// Warm-up: JIT, codec tables, OpenCC dictionaries.
const warm = build();
for (const d of warm.docs) lint(d, { corpus: warm.corpus });
const rows: Record<string, number[]> = { 'building the corpus': [], 'lint, first pass over a new corpus': [], 'lint again (caches warm)': [], ...(SKIP_FIX ? {} : { 'fixText (safe fix-all)': [] }) };
for (let run = 0; run < RUNS; run++) {
  let built = build();
  rows['building the corpus'].push(cpuSeconds(() => (built = build())));
  rows['lint, first pass over a new corpus'].push(cpuSeconds(() => built.docs.forEach((d) => lint(d, { corpus: built.corpus }))));
  rows['lint again (caches warm)'].push(cpuSeconds(() => built.docs.forEach((d) => lint(d, { corpus: built.corpus }))));
  if (!SKIP_FIX) rows['fixText (safe fix-all)'].push(cpuSeconds(() => built.docs.forEach((d) => fixText(d.uri, d.text, { corpus: built.corpus }))));
}
console.log(`input: ${generated.length} documents, ${megabytes.toFixed(2)} MB (seed 42); CPU seconds, median of ${RUNS}`);
console.log('| what | CPU s | MB per CPU second |');
console.log('| --- | --- | --- |');
for (const [what, xs] of Object.entries(rows)) console.log(`| ${what} | ${median(xs).toFixed(3)} | ${(megabytes / median(xs)).toFixed(1)} |`);
console.log(`(after: ${machineLine()})`);
