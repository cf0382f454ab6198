// How long the server's background lint holds the event loop at a time: each document rule
// runs on a 100 KB document of the LSP bench's kind, in the order and with the shared context
// of a lint, and every part it runs between two yields (the whole check for a rule without
// `checkInSteps`) is timed. A request sent meanwhile waits for the part in progress, so the
// longest parts bound hover and code-action latency during a background lint (goal < 5 ms).
//
//   RUNS=8 KB=100 npx tsx bench/lint-parts.ts
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import type { RuleContext } from '../server/src/core/types';
import { documentRules } from '../server/src/lsp/incremental-lint';
import { generateDocuments } from './generate';
import { machineLine, median, percentile } from './util';

const RUNS = Number(process.env.RUNS ?? 8);
const KB = Number(process.env.KB ?? 100);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

console.log(machineLine());
const text = generateDocuments({ seed: 7, totalBytes: KB * 1024 }).map((d) => d.text).join('\n\n');
const corpus = new Corpus();
const rules = documentRules();
// Per rule: the longest part of each run, and every part's duration, warm runs only.
const longest = new Map<string, number[]>();
const parts = new Map<string, number[]>();
const all: number[] = [];
for (let run = 0; run < RUNS + 2; run++) {
  // A new line each run, as an edit makes, so per-text caches do not answer.
  const edited = text.replace('\n', `\n编辑${run}\n`);
  corpus.set('file:///bench/parts.txt', edited);
  const doc = new SeedDocument('file:///bench/parts.txt', edited);
  const ctx: RuleContext = { corpus, options: DEFAULT_CONFIG.options };
  for (const rule of rules) {
    const times: number[] = [];
    if (rule.checkInSteps) {
      const steps = rule.checkInSteps(doc, ctx);
      for (;;) {
        const t0 = process.hrtime.bigint();
        const step = steps.next();
        times.push(ms(t0));
        if (step.done) break;
      }
    } else {
      const t0 = process.hrtime.bigint();
      rule.check(doc, ctx);
      times.push(ms(t0));
    }
    if (run < 2) continue; // the first runs compile and fill caches
    longest.set(rule.id, [...(longest.get(rule.id) ?? []), Math.max(...times)]);
    parts.set(rule.id, [...(parts.get(rule.id) ?? []), ...times]);
    all.push(...times);
  }
}
console.log(`input: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB UTF-8 (${text.length} characters); ${RUNS} runs after 2 warm-ups, ms`);
console.log('| rule | parts per run | median part | median of longest | longest |');
console.log('| --- | --- | --- | --- | --- |');
const rows = [...longest].sort((a, b) => median(b[1]) - median(a[1]));
for (const [id, l] of rows) {
  const p = parts.get(id)!;
  console.log(`| \`${id}\` | ${(p.length / RUNS).toFixed(0)} | ${median(p).toFixed(2)} | ${median(l).toFixed(2)} | ${Math.max(...l).toFixed(2)} |`);
}
console.log(`all parts: p50 ${percentile(all, 50).toFixed(2)}, p99 ${percentile(all, 99).toFixed(2)}, max ${Math.max(...all).toFixed(2)} ms (goal: every part < 5 ms)`);
