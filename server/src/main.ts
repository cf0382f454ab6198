// The server bundle's entry: the language server in the main thread, a scan worker
// (lsp/scan-pool.ts starts them from this same file) in a worker thread.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

// V8 lets the heap grow to several times what is live before it collects, which suits a
// short script but not a server that holds a workspace: after a 10,000-file scan 466 MB were
// live in a 1.5 GB process. Set before anything is allocated. By half each time: a
// 10,000-file scan (bench/scan.ts, 4 alternated pairs) took 25.5 s of server CPU at the median
// and peaked at 464–473 MB; by a fifth, 28.6 s and 452–464 MB (more, smaller collections);
// by the whole, 549 MB.
setFlagsFromString('--heap-growing-percent=50');

if (isMainThread) {
  require('./server');
} else {
  (require('./lsp/scan-worker') as typeof import('./lsp/scan-worker')).runScanWorker();
}
