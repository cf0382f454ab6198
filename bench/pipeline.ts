// Whole-pipeline throughput: lint (all rules) and fix-all over generated corpora,
// and each rule alone so a slow rule is visible. One process, one thread: the
// MB/s is per core. Medians over RUNS runs after a warm-up run (which fills the
// rules' caches as an editor session would), and the first pass over a new corpus
// (what a workspace scan or a CLI check pays). Not a test: prints a table.
//
//   SIZES_MB=1,10 RUNS=5 npx tsx bench/pipeline.ts      (default: SIZES_MB=1 RUNS=3)
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import { fixText, lint } from '../server/src/core/engine';
import { RULES } from '../server/src/rules';
import { generateDocuments, totalBytes } from './generate';
import { machineLine, median, seconds } from './util';

const SIZES_MB = (process.env.SIZES_MB ?? '1').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 3);
/** Goal of issue 8 for the whole pipeline. */
const GOAL_MBPS = 20;

function timed(runs: number, fn: () => void): number {
  fn(); // warm-up: caches and JIT, as in a running editor
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(seconds(fn));
  return median(times);
}

function benchSize(mb: number): void {
  const generated = generateDocuments({ seed: 42, totalBytes: mb * 1024 * 1024 });
  const bytes = totalBytes(generated);
  const megabytes = bytes / 1024 / 1024;
  const corpus = new Corpus();
  const docs = generated.map((g) => new SeedDocument(`file:///bench/${g.name}`, g.text));
  for (const d of docs) corpus.set(d.uri, d.text);

  const rows: { what: string; s: number }[] = [];
  const lintAll = timed(RUNS, () => {
    for (const d of docs) lint(d, { corpus });
  });
  rows.push({ what: '**lint, all rules**', s: lintAll });
  // The same text seen for the first time: a new corpus and new documents, so nothing a
  // rule keeps per corpus, view or document (indexes, segmentations, analyses) is warm;
  // only the JIT and the dictionaries are. Building the corpus is timed on its own.
  const builds: number[] = [];
  const firsts: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const fresh = new Corpus();
    let freshDocs: SeedDocument[] = [];
    builds.push(seconds(() => {
      freshDocs = generated.map((g) => new SeedDocument(`file:///bench/${g.name}`, g.text));
      for (const d of freshDocs) fresh.set(d.uri, d.text);
    }));
    firsts.push(seconds(() => {
      for (const d of freshDocs) lint(d, { corpus: fresh });
    }));
  }
  const firstLint = median(firsts);
  rows.push({ what: 'lint, first pass over a new corpus', s: firstLint });
  rows.push({ what: 'building the corpus (Corpus.set, documents)', s: median(builds) });
  const perRule: { what: string; s: number }[] = [];
  for (const rule of RULES) {
    const only = [rule.id];
    perRule.push({ what: `\`${rule.id}\``, s: timed(RUNS, () => {
      for (const d of docs) lint(d, { corpus, only });
    }) });
  }
  // fix-all re-lints after every rule, so it is the heaviest path; one run after warm-up is enough at 10 MB.
  const fixRuns = mb >= 10 ? 1 : RUNS;
  const fixAll = timed(fixRuns, () => {
    for (const d of docs) fixText(d.uri, d.text, { corpus });
  });
  rows.push({ what: '**fixText (safe fix-all)**', s: fixAll });
  perRule.sort((a, b) => b.s - a.s);

  const sumRules = perRule.reduce((n, r) => n + r.s, 0);
  console.log(`\ninput: ${generated.length} generated documents, ${megabytes.toFixed(2)} MB (seed 42), median of ${RUNS} runs after a warm-up`);
  console.log('| what | median s | MB/s per core | share of lint |');
  console.log('| --- | --- | --- | --- |');
  for (const r of [...rows, ...perRule]) {
    const share = rows.includes(r) ? '' : `${((100 * r.s) / sumRules).toFixed(1)}%`;
    console.log(`| ${r.what} | ${r.s.toFixed(3)} | ${(megabytes / r.s).toFixed(1)} | ${share} |`);
  }
  const mbps = megabytes / lintAll;
  console.log(`first pass: ${(megabytes / firstLint).toFixed(1)} MB/s per core (lint of text no cache has seen, the corpus already built)`);
  console.log(`lint: ${mbps.toFixed(1)} MB/s per core (goal ≥ ${GOAL_MBPS}: ${mbps >= GOAL_MBPS ? 'met' : 'not met'}); fixText / lint time: ${(fixAll / lintAll).toFixed(2)}×; slowest rule: ${perRule[0].what} (${((100 * perRule[0].s) / sumRules).toFixed(0)}% of the rules' sum)`);
}

console.log(machineLine());
for (const mb of SIZES_MB) benchSize(mb);
console.log(`\n(after: ${machineLine()})`);
