// The workspace scan on every core: worker threads (lsp/scan-worker.ts, from the server's
// own bundle) each build the corpus once and lint batches of files handed out as workers
// become free; the server thread publishes each result as it arrives and stays free for
// requests meanwhile. Findings are the same as a lint in the server thread (tested).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { EngineConfig } from '../core/config';
import type { Finding } from '../core/types';

export interface ScanWorkerData {
  docs: { uri: string; text: string }[];
  config: EngineConfig;
  /** The size limit: a longer file is analysed in part, as the server does. */
  maxBytes: number;
}

/** A batch for one worker; each worker answers its batches in order, one at a time. */
export interface ScanRequest {
  indices: number[];
}

export interface ScanResult {
  index: number;
  findings: Finding[];
  note?: string;
  ruleErrors: { ruleId: string; message: string }[];
}

/** Below this many files, building a corpus in each worker costs more than it saves. */
export const SCAN_POOL_MIN_FILES = 64;
/** Files per batch: small enough to keep every worker busy to the end, large enough to amortise messages. */
const BATCH = 8;

/** Below this many cores the server thread lints alone by default (see scanThreads). */
const SCAN_POOL_MIN_CORES = 4;

/**
 * Workers for a scan of `files` files: the setting when it is 1 or more (1: none, the server
 * thread lints), else one per core but one (the server thread publishes, indexes people and
 * answers requests) from 64 files and 4 cores on. On 2 cores workers gave nothing: 10,000
 * files took 44.5 s in the server thread, 46.4 s with two workers and 53.3 s with one (the
 * server thread's own work and the editor share the same cores), for more memory.
 */
export function scanThreads(files: number, setting: number): number {
  const cores = availableParallelism();
  // More threads than cores would only add corpus copies.
  if (setting >= 1) return setting === 1 ? 0 : Math.min(Math.floor(setting), Math.max(2, cores));
  return files < SCAN_POOL_MIN_FILES || cores < SCAN_POOL_MIN_CORES ? 0 : cores - 1;
}

/**
 * Lints `toLint` (indices into `data.docs`) in `threads` workers started from `script`;
 * `onResult` runs in this thread for each file as its batch returns. Resolves when all are
 * done, or as soon as `cancelled()` says the scan was superseded.
 */
export async function lintInWorkers(
  script: string,
  data: ScanWorkerData,
  toLint: readonly number[],
  threads: number,
  onResult: (result: ScanResult) => void,
  cancelled: () => boolean,
): Promise<void> {
  const batches: number[][] = [];
  for (let i = 0; i < toLint.length; i += BATCH) batches.push(toLint.slice(i, i + BATCH));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(threads, batches.length) }, () => {
        const worker = new Worker(script, { workerData: data });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next >= batches.length || cancelled()) return resolve();
            worker.postMessage({ indices: batches[next++] } satisfies ScanRequest);
          };
          worker.on('message', (reply: { results: ScanResult[] }) => {
            for (const result of reply.results) onResult(result);
            give();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (next >= batches.length || cancelled() ? resolve() : reject(new Error(`scan worker exited with code ${code}`))));
          give();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
