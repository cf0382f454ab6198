// A worker thread of the workspace scan (started by lsp/scan-pool.ts from the server's own
// bundle). It builds the corpus from every text the server's corpus holds, so corpus-level
// rules see exactly what the server sees, then lints the documents it is asked for and
// sends their findings back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { Corpus } from '../core/corpus';
import { SeedDocument } from '../core/document';
import { lint } from '../core/engine';
import { partToAnalyse } from '../editor/file-checks';
import type { ScanRequest, ScanResult, ScanWorkerData } from './scan-pool';

export function runScanWorker(): void {
  const init = workerData as ScanWorkerData;
  const corpus = new Corpus();
  for (const d of init.docs) corpus.set(d.uri, d.text);
  parentPort!.on('message', (request: ScanRequest) => {
    const results: ScanResult[] = request.indices.map((index) => {
      const { uri, text } = init.docs[index];
      const part = partToAnalyse(text, init.maxBytes);
      const ruleErrors: ScanResult['ruleErrors'] = [];
      const findings = lint(new SeedDocument(uri, part.text), {
        config: init.config,
        corpus,
        onRuleError: (ruleId, error) => ruleErrors.push({ ruleId, message: error instanceof Error ? error.message : String(error) }),
      });
      return { index, findings, note: part.note, ruleErrors };
    });
    parentPort!.postMessage({ results });
  });
}
