// The server bundle's entry: the language server in the main thread, a scan worker
// (lsp/scan-pool.ts starts them from this same file) in a worker thread.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  require('./server');
} else {
  (require('./lsp/scan-worker') as typeof import('./lsp/scan-worker')).runScanWorker();
}
