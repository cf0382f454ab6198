// A piscina worker of `check`/`fix` (bundled to dist/cli/pool-worker.js). It builds the
// workspace corpus once from the documents the main process read, so corpus-level
// rules see exactly what a single-process run sees, then lints or fixes the ranges of
// documents it is given. Results are plain data, put back in file order by the caller.
import { workerData } from 'node:worker_threads';
import { Corpus } from '../core/corpus';
import { SeedDocument } from '../core/document';
import { fixText, lint } from '../core/engine';
import { toJsonDiagnostic, type DocumentLookup } from './report';
import type { PoolInit, PoolResult, PoolTask } from './pool';

const init = workerData as PoolInit;
let state: { corpus: Corpus; docs: SeedDocument[]; lookup: DocumentLookup } | undefined;

function setUp() {
  if (state) return state;
  const corpus = new Corpus();
  const byUri = new Map<string, { path: string; doc: SeedDocument }>();
  const docs = init.docs.map((d) => {
    corpus.set(d.uri, d.text);
    const doc = new SeedDocument(d.uri, d.text);
    byUri.set(d.uri, { path: d.path, doc });
    return doc;
  });
  state = { corpus, docs, lookup: (uri) => byUri.get(uri) };
  return state;
}

export default function run(task: PoolTask): PoolResult[] {
  const { corpus, docs, lookup } = setUp();
  const out: PoolResult[] = [];
  for (let i = task.from; i < task.to; i++) {
    const doc = docs[i];
    const ruleErrors: { ruleId: string; message: string }[] = [];
    const onRuleError = (ruleId: string, error: unknown) => ruleErrors.push({ ruleId, message: error instanceof Error ? error.message : String(error) });
    if (task.kind === 'check') {
      const findings = lint(doc, { config: init.config, corpus, onRuleError });
      out.push({ ruleErrors, diagnostics: findings.map((f) => toJsonDiagnostic(doc, f, lookup)) });
    } else {
      const result = fixText(doc.uri, doc.text, { config: init.config, corpus, onRuleError, unsafe: task.unsafe });
      out.push({ ruleErrors, fix: result });
    }
  }
  return out;
}
