// Scale-up for `check` and `fix`: with many files, a piscina pool of worker threads sized
// to the cores lints or fixes ranges of them; results come back in file order, so the
// output is byte for byte the single-process output. Used only from the built CLI
// (dist/cli/pool-worker.js next to dist/cli/cli.js); from sources, everything runs in process.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from '../core/config';
import type { FixResult } from '../core/engine';
import type { JsonDiagnostic } from './report';

export interface PoolDocument {
  uri: string;
  path: string;
  text: string;
}

export interface PoolInit {
  docs: PoolDocument[];
  config: EngineConfig;
}

export interface PoolTask {
  kind: 'check' | 'fix';
  from: number;
  to: number;
  unsafe?: boolean;
}

export interface PoolResult {
  ruleErrors: { ruleId: string; message: string }[];
  diagnostics?: JsonDiagnostic[];
  fix?: FixResult;
}

/** Below this many files a pool's start-up (each worker builds the corpus) costs more than it saves. */
export const POOL_MIN_FILES = 64;
/** Files per task: small enough to balance uneven files, large enough to amortise messaging. */
const CHUNK = 16;

const WORKER_FILE = join(__dirname, 'pool-worker.js');

/** How many workers to use: `--jobs N` as given, else the cores when there are many files; 1 means in process. */
export function workerCount(jobs: string | undefined, files: number): number {
  if (jobs !== undefined) {
    const n = Number(jobs);
    if (!Number.isInteger(n) || n < 0) return NaN;
    if (n > 0) return existsSync(WORKER_FILE) ? n : 1;
  }
  if (!existsSync(WORKER_FILE) || files < POOL_MIN_FILES) return 1;
  return Math.max(1, availableParallelism());
}

/**
 * Runs `kind` over all documents in `threads` workers; `onProgress` after each finished
 * range. Resolves with one result per document, in document order.
 */
export async function runInPool(
  kind: PoolTask['kind'],
  init: PoolInit,
  threads: number,
  options: { unsafe?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<PoolResult[]> {
  // Loaded here, not at the top: single-process runs never pay for it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER_FILE, workerData: init, minThreads: threads, maxThreads: threads });
  const total = init.docs.length;
  const results: PoolResult[] = new Array(total);
  let done = 0;
  try {
    const tasks: Promise<void>[] = [];
    for (let from = 0; from < total; from += CHUNK) {
      const task: PoolTask = { kind, from, to: Math.min(total, from + CHUNK), unsafe: options.unsafe };
      tasks.push(
        (pool.run(task) as Promise<PoolResult[]>).then((part) => {
          part.forEach((r, k) => (results[from + k] = r));
          done += part.length;
          options.onProgress?.(done, total);
        }),
      );
    }
    await Promise.all(tasks);
  } finally {
    await pool.destroy();
  }
  return results;
}

/** A one-line progress bar for a terminal: redrawn in place, erased by `end()`. */
export function progressBar(write: (s: string) => void, label: string): { update(done: number, total: number): void; end(): void } {
  let last = '';
  return {
    update(done, total) {
      const width = 30;
      const filled = Math.round((width * done) / Math.max(1, total));
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`;
      if (line === last) return;
      last = line;
      write(`\r${line}`);
    },
    end() {
      if (last) write('\r\x1b[K');
    },
  };
}
