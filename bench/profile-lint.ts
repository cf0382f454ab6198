// Builds the pipeline bench's input (seed 42) and lints it, for a CPU profile:
//
//   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-lint.ts [lint|fix|corpus] [MB]
//   node bench/cpuprofile-top.mjs /tmp/prof/*.cpuprofile
//
// Prints the time of each phase; the profile shows where it goes.
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import { fixText, lint } from '../server/src/core/engine';
import { RULES } from '../server/src/rules';
import { generateDocuments } from './generate';
import { seconds } from './util';

const what = process.argv[2] ?? 'lint';
const mb = Number(process.argv[3] ?? 1);
const generated = generateDocuments({ seed: 42, totalBytes: mb * 1024 * 1024 });
const corpus = new Corpus();
let docs: SeedDocument[] = [];
const build = seconds(() => {
  docs = generated.map((g) => new SeedDocument(`file:///bench/${g.name}`, g.text));
  for (const d of docs) corpus.set(d.uri, d.text);
});
console.log(`corpus: ${build.toFixed(3)} s`);
// Time spent in each rule's check inside whole lints (the per-rule rows of bench/pipeline.ts run each rule alone).
const inRule = new Map<string, number>();
for (const rule of RULES) {
  const check = rule.check.bind(rule);
  rule.check = (doc, ctx) => {
    const t0 = process.hrtime.bigint();
    try {
      return check(doc, ctx);
    } finally {
      inRule.set(rule.id, (inRule.get(rule.id) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e9);
    }
  };
}
if (what === 'lint' || what === 'fix') {
  for (let run = 0; run < 3; run++) {
    const s = seconds(() => {
      for (const d of docs) {
        if (what === 'lint') lint(d, { corpus });
        else fixText(d.uri, d.text, { corpus });
      }
    });
    const rules = [...inRule].sort((a, b) => b[1] - a[1]);
    const sum = rules.reduce((n, [, t]) => n + t, 0);
    console.log(`${what} run ${run}: ${s.toFixed(3)} s, in rules ${sum.toFixed(3)} s: ${rules.slice(0, 8).map(([id, t]) => `${id} ${t.toFixed(3)}`).join(', ')}`);
    inRule.clear();
  }
}
