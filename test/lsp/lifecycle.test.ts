// The server's life over the protocol (issue 9), against the BUILT server (run `node esbuild.mjs`
// first): it exits cleanly on shutdown/exit and a new one on the same workspace serves again (what
// a client restart does); it does not linger when its client dies without shutdown; files deleted
// during the workspace scan leave no diagnostics behind; a rule that throws is reported once and
// skipped. Everything waits on server messages or process exit; nothing sleeps.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, promises as fs, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocuments, writeDocuments } from '../../bench/generate';
import { LspSession } from '../support/lsp-session';

const ROOT = path.resolve(__dirname, '..', '..');

/** A temporary workspace holding a copy of seeds/. */
function seedWorkspace(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'seed-curator-life-')));
  const seeds = path.join(dir, 'seeds');
  writeDocuments(seeds, readdirSync(path.join(ROOT, 'seeds')).map((name) => ({ name, text: readFileSync(path.join(ROOT, 'seeds', name), 'utf8') })));
  return dir;
}

/** Every file under `dir` with its bytes, to tell that nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), readFileSync(file).toString('base64'));
  }
  return out;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A temporary workspace of generated seed files (bench/generate, fixed seed) under seeds/. */
function generatedWorkspace(seed: number, files: number) {
  const workspace = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'seed-curator-life-')));
  const docs = generateDocuments({ seed, files });
  writeDocuments(path.join(workspace, 'seeds'), docs);
  const uris = docs.map((d) => pathToFileURL(path.join(workspace, 'seeds', d.name)).href);
  return { workspace, docs, uris };
}

const seedUris = (dir: string) => readdirSync(path.join(dir, 'seeds')).map((n) => pathToFileURL(path.join(dir, 'seeds', n)).href);

/** Resolves once every uri has a publication in the session. */
const scanned = (session: LspSession, uris: string[], what: string) =>
  session.until(() => (uris.every((u) => session.latest.has(u)) ? true : undefined), what, 120_000);

describe('language server lifecycle (restart, client death, files deleted during a scan, a throwing rule)', function () {
  this.timeout(180_000);
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('exits with code 0 after shutdown/exit, writing nothing, and a new server on the same workspace serves diagnostics again', async () => {
    const workspace = seedWorkspace();
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    const before = snapshot(workspace);
    const uris = seedUris(workspace);

    const first = await LspSession.start({ workspace });
    cleanup.push(() => first.stop());
    await scanned(first, uris, 'the first server to publish every seed');
    const firstCounts = uris.map((u) => first.latest.get(u)!.diagnostics.length);
    assert.ok(firstCounts.some((n) => n > 0), 'the seeds have findings');

    assert.equal(await first.conn.sendRequest('shutdown'), null);
    first.conn.sendNotification('exit');
    assert.equal(await first.exited, 0, 'exit code after shutdown and exit');
    assert.equal(isRunning(first.child.pid!), false, 'the server process is gone');
    assert.deepEqual(snapshot(workspace), before, 'the server wrote nothing in the workspace');

    // What a client restart does: a fresh process on the same folder.
    const second = await LspSession.start({ workspace });
    cleanup.push(() => second.stop());
    await scanned(second, uris, 'the second server to publish every seed');
    assert.deepEqual(uris.map((u) => second.latest.get(u)!.diagnostics.length), firstCounts, 'the same findings as before the restart');
    const opened = uris[0];
    second.open(opened, readFileSync(new URL(opened), 'utf8'), 3);
    const published = await second.nextPublication(opened, 3, 0);
    // Opened, it also gets its hints (published for open documents only).
    assert.equal(published.diagnostics.filter((d: { severity?: number }) => d.severity !== 4).length, firstCounts[0], 'an opened document is diagnosed too');
    assert.ok(published.diagnostics.length >= firstCounts[0]);
  });

  it('exits when its input closes without shutdown (the client process died), rather than lingering', async () => {
    const session = await LspSession.start({});
    cleanup.push(() => session.stop());
    session.open('file:///nowhere/a.txt', '發(fā)展\n');
    await session.nextPublication('file:///nowhere/a.txt', 1, 0);
    session.child.stdin!.end();
    // vscode-languageserver exits 1 when the stream ends without a shutdown request.
    assert.equal(await session.exited, 1);
    assert.equal(isRunning(session.child.pid!), false);
  });

  it('exits when the client process named in initialize dies, though its pipe stays open', async () => {
    const client = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const clientExited = new Promise((resolve) => client.once('exit', resolve));
    cleanup.push(() => void (client.exitCode === null && client.kill()));
    const session = await LspSession.start({ processId: client.pid });
    cleanup.push(() => session.stop());
    session.open('file:///nowhere/b.txt', '發(fā)展\n');
    await session.nextPublication('file:///nowhere/b.txt', 1, 0);
    client.kill();
    await clientExited;
    // The server polls the client process (every 3 s in vscode-languageserver) and exits with 1: no shutdown came.
    assert.equal(await session.exited, 1);
  });

  it('keeps answering while files are deleted and renamed during the scan, and leaves no diagnostics on a file gone', async () => {
    const { workspace, docs, uris } = generatedWorkspace(11, 400);
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    // A quarter deleted, a quarter renamed (the old name is gone, the new one is a file), half kept.
    const deleted = new Set(uris.filter((_, i) => i % 4 === 1));
    const renamed = new Map(docs.flatMap((d, i) => (i % 4 === 3 ? [[uris[i], path.join(workspace, 'seeds', `renamed-${d.name}`)] as const] : [])));
    const gone = new Set([...deleted, ...renamed.keys()]);
    const kept = [...uris.filter((u) => !gone.has(u)), ...[...renamed.values()].map((f) => pathToFileURL(f).href)];

    const session = await LspSession.start({ workspace, settings: { debounceMs: 0 } });
    cleanup.push(() => session.stop());
    // The scan has begun: delete every other file, and tell the server as a file watcher would.
    await session.until(() => (session.progressBegun > 0 ? true : undefined), 'the scan to begin');
    await Promise.all([...deleted].map((u) => fs.rm(new URL(u))));
    await Promise.all([...renamed].map(([u, to]) => fs.rename(new URL(u), to)));
    session.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [...[...gone].map((uri) => ({ uri, type: 3 })), ...[...renamed.values()].map((f) => ({ uri: pathToFileURL(f).href, type: 1 }))],
    });
    assert.equal(session.progressEnded.size, 0, 'the files went while the scan ran');
    // A request in the middle of the scan is answered.
    const answer = await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: kept[0] }, position: { line: 0, character: 0 } });
    assert.ok(answer === null || typeof answer === 'object');

    await session.until(() => (session.progressEnded.size > 0 ? true : undefined), 'the scan to end', 150_000);
    await scanned(session, kept, 'diagnostics of every file kept, renamed ones under their new name');
    // A round trip after the scan: any publication still queued has arrived.
    await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: kept[0] }, position: { line: 0, character: 0 } });
    for (const uri of gone) {
      const last = session.latest.get(uri);
      assert.ok(last === undefined || last.diagnostics.length === 0, `${uri} is gone but still has ${last?.diagnostics.length} diagnostics`);
    }
    assert.ok(kept.some((u) => session.latest.get(u)!.diagnostics.length > 0), 'the files kept are diagnosed');
    // Each file that vanished between listing and reading is logged at most once.
    for (const uri of gone) assert.ok(session.logs.filter((l) => l.message.includes(uri)).length <= 1, `${uri} logged more than once`);
  });

  it('leaves out a file whose deletion is reported after the scan read it but before the scan took it in', async () => {
    // The scan reads files a batch at a time; a file read, then deleted, is reported while the
    // rest of its batch is still being read. A test hook holds every read (text in hand) until
    // a release file exists, so the deletion falls in that window every time.
    const { workspace, uris } = generatedWorkspace(3, 6);
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    const release = path.join(workspace, 'release');
    const session = await LspSession.start({ workspace, settings: { debounceMs: 0 }, env: { SEED_CURATOR_TEST_HELD_READ: release } });
    cleanup.push(() => session.stop());
    const held = (uri: string) => session.logs.some((l) => l.message === `Test hook: holding the read of ${uri}`);
    await session.until(() => (uris.every(held) ? true : undefined), 'every file read and held');
    const [gone, ...kept] = uris;
    await fs.rm(new URL(gone));
    session.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: gone, type: 3 }] });
    // A round trip: the deletion has been handled before the reads go on.
    await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: kept[0] }, position: { line: 0, character: 0 } });
    await fs.writeFile(release, '');
    await session.until(() => (session.progressEnded.size > 0 ? true : undefined), 'the scan to end');
    await scanned(session, kept, 'diagnostics of every file kept');
    await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: kept[0] }, position: { line: 0, character: 0 } });
    const last = session.latest.get(gone);
    assert.ok(last === undefined || last.diagnostics.length === 0, `${gone} is gone but has ${last?.diagnostics.length} diagnostics`);
    assert.ok(kept.every((u) => session.latest.get(u)!.diagnostics.length > 0), 'the files kept are diagnosed');
  });

  it('forgets a deleted file whose watcher event was lost, once another deletion is heard', async () => {
    const { workspace, uris } = generatedWorkspace(4, 6);
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    const session = await LspSession.start({ workspace, settings: { debounceMs: 0 } });
    cleanup.push(() => session.stop());
    await scanned(session, uris, 'the scan');
    const [reported, lost, ...kept] = uris;
    assert.ok(session.latest.get(lost)!.diagnostics.length > 0);
    await fs.rm(new URL(reported));
    await fs.rm(new URL(lost));
    // The watcher reports one of the two deletions.
    session.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: reported, type: 3 }] });
    await session.until(() => (session.latest.get(lost)!.diagnostics.length === 0 ? true : undefined), 'the file whose event was lost to be dropped');
    assert.equal(session.latest.get(reported)!.diagnostics.length, 0);
    // The files on disk are still served, and the workspace's files are as on disk.
    assert.ok(kept.every((u) => session.latest.get(u)!.diagnostics.length > 0));
  });

  it('drops the seed files of a deleted folder (one watcher event for the folder) and finds every file written at once into a new folder', async () => {
    const workspace = seedWorkspace();
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    const docs = generateDocuments({ seed: 5, files: 12 });
    writeDocuments(path.join(workspace, 'seeds', 'old'), docs);
    const oldUris = docs.map((d) => pathToFileURL(path.join(workspace, 'seeds', 'old', d.name)).href);
    const session = await LspSession.start({ workspace, settings: { debounceMs: 0 } });
    cleanup.push(() => session.stop());
    await scanned(session, [...seedUris(workspace).filter((u) => u.endsWith('.txt')), ...oldUris], 'the first scan');
    assert.ok(oldUris.some((u) => session.latest.get(u)!.diagnostics.length > 0), 'the folder\'s files are diagnosed');

    // VS Code reports a deleted folder as one event for the folder itself.
    rmSync(path.join(workspace, 'seeds', 'old'), { recursive: true });
    const folderUri = pathToFileURL(path.join(workspace, 'seeds', 'old')).href;
    session.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: folderUri, type: 3 }] });
    await session.until(
      () => (oldUris.every((u) => session.latest.get(u)!.diagnostics.length === 0) ? true : undefined),
      'the deleted folder\'s files to lose their diagnostics',
    );

    // Files written at once into a new folder: the watcher saw only the first of them.
    const fresh = generateDocuments({ seed: 6, files: 8 });
    writeDocuments(path.join(workspace, 'seeds', 'new'), fresh);
    const freshUris = fresh.map((d) => pathToFileURL(path.join(workspace, 'seeds', 'new', d.name)).href);
    session.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: freshUris[0], type: 1 }] });
    await scanned(session, freshUris, 'every file of the new folder, though one was reported');
    assert.ok(freshUris.every((u) => session.latest.get(u)!.diagnostics.length > 0), 'the new files are diagnosed');
  });

  it('reports a rule that throws once in the output channel, skips it, and keeps serving the other rules', async () => {
    const session = await LspSession.start({ env: { SEED_CURATOR_TEST_THROWING_RULE: 'html-entity' } });
    cleanup.push(() => session.stop());
    const a = 'file:///nowhere/entity-a.txt';
    const b = 'file:///nowhere/entity-b.txt';
    session.open(a, '上海&middot;苏州 發(fā)展\n');
    const first = await session.nextPublication(a, 1, 0);
    assert.deepEqual(first.diagnostics.map((d) => d.code).filter((c) => c !== 'script-variant'), ['pinyin-annotation'], 'the other rules still report');

    session.open(b, '合作&nbsp;交流\n');
    session.change(a, '上海&middot;苏州 發(fā)展(zhǎn)\n', 2);
    const second = await session.nextPublication(a, 2, 0);
    assert.equal(second.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, 2);
    const other = await session.nextPublication(b, 1, 0);
    assert.ok(!other.diagnostics.some((d) => d.code === 'html-entity'));
    // Fix-all runs the rules too, and the server still answers.
    const actions: { kind: string }[] = await session.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: a },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((x) => x.kind), ['source.fixAll.seedCurator']);

    const reports = session.logs.filter((l) => l.message.includes('html-entity'));
    assert.equal(reports.length, 1, `reported once, not ${reports.length} times`);
    assert.equal(reports[0].type, 1, 'as an error');
    assert.match(reports[0].message, /Rule html-entity failed and was skipped/);
  });
});
