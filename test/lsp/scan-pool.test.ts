// The workspace scan in worker threads publishes exactly what a scan in the server thread
// publishes: the same diagnostics for every file, corpus evidence included. Runs the BUILT
// server (`node esbuild.mjs`) twice on one generated workspace.
import { strict as assert } from 'node:assert';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocuments, writeDocuments } from '../../bench/generate';
import { LspSession } from '../support/lsp-session';

describe('workspace scan in worker threads', function () {
  this.timeout(180000);
  let workspace: string;
  let uris: string[];

  before(async function () {
    workspace = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'seed-curator-scan-pool-')));
    // Past the pool's threshold (64 files), damaged and sharing lines as a crawl of a few sites does.
    const docs = generateDocuments({ seed: 7, files: 90, tree: true });
    writeDocuments(path.join(workspace, 'seeds'), docs);
    uris = docs.map((d) => pathToFileURL(path.join(workspace, 'seeds', d.name)).href);
  });

  after(async function () {
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  async function scan(threads: number): Promise<{ diagnostics: Map<string, unknown[]>; logs: string[] }> {
    const session = await LspSession.start({ workspace, settings: { debounceMs: 0, scanThreads: threads } });
    try {
      await session.until(() => (session.progressEnded.size > 0 && uris.every((u) => session.latest.has(u)) ? true : undefined), `scan with ${threads} threads`, 170000);
      return { diagnostics: new Map(uris.map((u) => [u, session.latest.get(u)!.diagnostics])), logs: session.logs.map((l) => l.message) };
    } finally {
      await session.stop();
    }
  }

  it('publishes the same diagnostics for every file as the scan in the server thread', async function () {
    const inThread = await scan(1);
    const inWorkers = await scan(2);
    let compared = 0;
    for (const uri of uris) {
      assert.deepEqual(inWorkers.diagnostics.get(uri), inThread.diagnostics.get(uri), uri);
      compared += inThread.diagnostics.get(uri)!.length;
    }
    assert.ok(compared > uris.length * 10, `diagnostics compared: ${compared}`);
    assert.ok(inWorkers.logs.some((m) => /Workspace scan: 90 of 90 files checked in 2 worker threads/.test(m)), inWorkers.logs.join('\n'));
    assert.ok(!inThread.logs.some((m) => /worker threads/.test(m)), inThread.logs.join('\n'));
  });
});
