// The server bundle's entry: the language server in the main thread, a scan worker
// (lsp/scan-pool.ts starts them from this same file) in a worker thread.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

// V8 lets the heap grow to several times what is live before it collects, which suits a
// short script but not a server that holds a workspace: after a 10,000-file scan 466 MB were
// live in a 1.5 GB process. Growing by a fifth each time kept the peak at 0.7 GB for the same
// scan time (bench/scan.ts; growth by a half: 0.8 GB). Set before anything is allocated.
setFlagsFromString('--heap-growing-percent=20');

if (isMainThread) {
  require('./server');
} else {
  (require('./lsp/scan-worker') as typeof import('./lsp/scan-worker')).runScanWorker();
}
