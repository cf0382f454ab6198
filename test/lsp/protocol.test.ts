// Talks JSON-RPC over stdio to the BUILT language server (run `node esbuild.mjs` first),
// as an editor would: workspace scan, diagnostics, code actions, fix-all, hover, settings,
// file events. Everything waits on server messages; nothing sleeps. The client is the shared
// one (test/support/lsp-session.ts), declaring what this editor declares.
import { strict as assert } from 'node:assert';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { ruleById } from '../../server/src/rules';
import { LspSession } from '../support/lsp-session';
import { offsetAt } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED_003 = '003_19257488ec84b839.txt';
const SEED_001 = '001_f2b6781d392f61d3.txt';
const SEED_000 = '000_ad37a12b72859678.txt';

// A Han character followed by a parenthesised lowercase syllable carrying a tone mark.
const PINYIN_ANNOTATION = /\p{Script=Han}\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/gu;
const countAnnotations = (text: string) => (text.match(PINYIN_ANNOTATION) ?? []).length;

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface LspEdit { range: Range; newText: string }
interface Diagnostic { range: Range; severity?: number; code?: string | number; source?: string; message: string; data?: any }
interface PublishParams { uri: string; version?: number; diagnostics: Diagnostic[] }
interface CodeAction { title: string; kind?: string; isPreferred?: boolean; diagnostics?: Diagnostic[]; edit?: WorkspaceEdit; data?: unknown }
interface WorkspaceEdit {
  changes?: Record<string, LspEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: LspEdit[] }[];
}

/** A tiny LSP text-edit applier: edits of one document never overlap, apply them back to front. */
function applyLspEdits(text: string, edits: readonly LspEdit[]): string {
  const resolved = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  resolved.sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < resolved.length; i++) assert.ok(resolved[i].end <= resolved[i - 1].start, 'edits overlap');
  for (const e of resolved) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

function editsFor(edit: WorkspaceEdit | undefined, uri: string): LspEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocs = (edit.documentChanges ?? []).filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits);
  return [...fromChanges, ...fromDocs];
}

function sliceRange(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

describe('language server over stdio (LSP protocol)', function () {
  this.timeout(30000);

  let session: LspSession;
  let conn: MessageConnection;
  let workspace: string;
  let seedsDir: string;
  let published: PublishParams[];
  const setSettings = (settings: Record<string, unknown>) => (session.settings = settings);

  const uriOf = (file: string) => pathToFileURL(file).href;
  const seedUri = (name: string) => uriOf(path.join(seedsDir, name));

  /** Resolves with `probe()`'s first defined value, re-probing on every server notification. */
  const until = <T>(probe: () => T | undefined, what: string) => session.until(probe, what, 15000);

  /** The first publication since index `since` that satisfies `test`. */
  const diagnosticsWhere = (test: (p: PublishParams) => boolean, what: string, since = 0) =>
    (session.publication(test, what, since) as Promise<PublishParams>);

  const forVersion = (uri: string, version: number, since = 0) =>
    diagnosticsWhere((p) => p.uri === uri && p.version === version, `${uri} v${version}`, since);

  before(async function () {
    workspace = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'seed-curator-lsp-')));
    seedsDir = path.join(workspace, 'seeds');
    await fs.mkdir(seedsDir);
    for (const name of await fs.readdir(path.join(ROOT, 'seeds'))) {
      await fs.writeFile(path.join(seedsDir, name), await fs.readFile(path.join(ROOT, 'seeds', name)));
    }
    // Not matched by the default glob: opened documents outside the scan.
    await fs.mkdir(path.join(workspace, 'other'));

    session = await LspSession.start({
      workspace,
      settings: { debounceMs: 200, rules: {} },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    conn = session.conn;
    published = session.published;
    const result = session.initializeResult;
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental document sync');
    assert.deepEqual(
      [...result.capabilities.codeActionProvider.codeActionKinds].sort(),
      ['quickfix', 'source.fixAll', 'source.fixAll.seedCurator'],
    );
    assert.equal(result.capabilities.hoverProvider, true);
  });

  after(async function () {
    await session?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  it('scans every seed file of the workspace and reports progress', async function () {
    const all = await Promise.all(
      [SEED_000, SEED_001, SEED_003].map((n) => diagnosticsWhere((p) => p.uri === seedUri(n), `scan of ${n}`)),
    );
    const [d000, d001, d003] = all;
    const pinyin = (p: PublishParams) => p.diagnostics.filter((d) => d.code === 'pinyin-annotation').length;
    assert.equal(pinyin(d000), 0, 'the English seed has no pinyin annotations');
    assert.ok(pinyin(d001) >= 80, `001: ${pinyin(d001)} pinyin diagnostics`);
    assert.ok(pinyin(d003) >= 150, `003: ${pinyin(d003)} pinyin diagnostics`);
    // A file that is not open carries no fix data (opened, it is published again with its fixes: below).
    assert.equal(d003.version ?? null, null);
    assert.ok(d003.diagnostics.every((d) => d.data === undefined), 'no fix data for a closed file');
    // Every seed under seeds/ gets diagnostics, the unmatched folder none.
    const seedNames = await fs.readdir(seedsDir);
    await Promise.all(seedNames.map((n) => diagnosticsWhere((p) => p.uri === seedUri(n), `scan of ${n}`)));
    assert.ok(!published.some((p) => p.uri.includes('/other/')));
    // Progress: the server created a token, began and ended on it.
    const { createdProgressTokens, progress } = session;
    assert.equal(createdProgressTokens.length >= 1, true, 'window/workDoneProgress/create was requested');
    const token = createdProgressTokens[0];
    const kinds = progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    // `end` follows the last publication.
    await until(() => (progress.some((p) => p.token === token && p.value.kind === 'end') ? true : undefined), 'progress end');
  });

  describe('seed 003 opened in the editor', function () {
    let uri: string;
    let original: string;
    let diagnostics: Diagnostic[];

    before(async function () {
      uri = seedUri(SEED_003);
      original = await fs.readFile(path.join(seedsDir, SEED_003), 'utf8');
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version: 1, text: original } });
      diagnostics = (await forVersion(uri, 1)).diagnostics;
    });

    it('publishes pinyin-annotation diagnostics with code, source and fixes in data', function () {
      const pinyin = diagnostics.filter((d) => d.code === 'pinyin-annotation');
      assert.ok(countAnnotations(original) >= 150, 'the seed holds many annotations');
      assert.equal(pinyin.length, countAnnotations(original), 'one diagnostic per annotation');
      for (const d of pinyin) {
        assert.equal(d.source, 'seed-curator');
        assert.equal(d.data.version, 1);
        assert.match(sliceRange(original, d.range), /^\([a-zü\u00e0-\u01dc]+\)$/u, 'the range covers the annotation');
        const fix = d.data.fixes[0];
        assert.equal(fix.safe, true);
        const start = offsetAt(original, d.range.start);
        const end = offsetAt(original, d.range.end);
        // Edits as [start, end, newText] offsets into the diagnosed version.
        assert.deepEqual(fix.edits, [[start, end, '']], 'the fix removes the annotation');
      }
      const entity = diagnostics.find((d) => d.code === 'html-entity');
      assert.ok(entity, 'the damaged entity is reported');
      assert.equal(sliceRange(original, entity.range), '?middot;');
      assert.equal(entity.severity, 2, 'warning by default');
    });

    it('offers a preferred quick fix for one diagnostic that removes exactly that annotation', async function () {
      const target = diagnostics.filter((d) => d.code === 'pinyin-annotation')[5];
      const actions: CodeAction[] = await conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [target] },
      });
      assert.ok(!actions.some((a) => a.kind?.startsWith('source')), 'no source actions without `only`');
      const quick = actions.find((a) => a.isPreferred);
      assert.ok(quick, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(quick.kind, 'quickfix');
      assert.deepEqual(quick.diagnostics?.[0].range, target.range);
      assert.equal(quick.edit?.documentChanges?.[0].textDocument.version, 1);
      const fixed = applyLspEdits(original, editsFor(quick.edit, uri));
      const start = offsetAt(original, target.range.start);
      const end = offsetAt(original, target.range.end);
      assert.equal(fixed, original.slice(0, start) + original.slice(end));
      assert.equal(countAnnotations(fixed), countAnnotations(original) - 1);
    });

    it('offers "fix all pinyin-annotation problems in this file", resolved lazily, touching only that rule', async function () {
      const target = diagnostics.find((d) => d.code === 'pinyin-annotation')!;
      const actions: CodeAction[] = await conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [target], only: ['quickfix'] },
      });
      let all = actions.find((a) => a.title === 'Fix all pinyin-annotation problems in this file');
      assert.ok(all, `found among ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(all.kind, 'quickfix');
      if (!all.edit) all = (await conn.sendRequest('codeAction/resolve', all)) as CodeAction;
      assert.equal(all.edit?.documentChanges?.[0].textDocument.version, 1);
      const fixed = applyLspEdits(original, editsFor(all.edit, uri));
      assert.equal(countAnnotations(fixed), 0);
      assert.ok(fixed.includes('?middot;武隆'), 'other rules’ problems stay');
    });

    it('explains a finding on hover with the rule, the message and the proposed text', async function () {
      const target = diagnostics.find((d) => d.code === 'pinyin-annotation')!;
      const annotation = sliceRange(original, target.range);
      const hanBefore = original[offsetAt(original, target.range.start) - 1];
      const hover: any = await conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: target.range.start.line, character: target.range.start.character + 1 },
      });
      assert.ok(hover, 'a hover inside the finding');
      assert.equal(hover.contents.kind, 'markdown');
      const text: string = hover.contents.value;
      assert.ok(text.includes('pinyin-annotation'));
      assert.ok(text.includes(ruleById('pinyin-annotation')!.description), 'the rule description');
      assert.ok(text.includes(target.message), 'the diagnostic message');
      assert.ok(text.includes(annotation), 'the current text');
      assert.ok(text.includes('_(nothing)_'), 'the annotation becomes nothing');
      assert.deepEqual(hover.range, target.range);
      assert.ok(/\p{Script=Han}/u.test(hanBefore));

      // A position covered by no diagnostic has no hover.
      const ranges = diagnostics.map((d) => [offsetAt(original, d.range.start), offsetAt(original, d.range.end)]);
      const lines = original.split('\n');
      let free: Position | undefined;
      for (let line = 0; line < lines.length && !free; line++) {
        for (let character = 0; character < lines[line].length && !free; character++) {
          const o = offsetAt(original, { line, character });
          if (!ranges.some(([s, e]) => s <= o && o <= e)) free = { line, character };
        }
      }
      assert.ok(free, 'some text is not covered by a diagnostic');
      assert.equal(await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: free }), null);
    });

    it('answers source.fixAll with a versioned edit that leaves no annotation and decodes ?middot;, then is idempotent', async function () {
      const request = (only: string[]) =>
        conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only },
        }) as Promise<CodeAction[]>;

      const actions = await request(['source.fixAll.seedCurator']);
      assert.equal(actions.length, 1);
      const fixAll = actions[0];
      assert.equal(fixAll.kind, 'source.fixAll.seedCurator');
      assert.equal(fixAll.edit?.documentChanges?.length, 1);
      assert.deepEqual(fixAll.edit?.documentChanges?.[0].textDocument, { uri, version: 1 });
      const fixed = applyLspEdits(original, editsFor(fixAll.edit, uri));
      assert.equal(countAnnotations(fixed), 0, 'no pinyin annotation left');
      assert.ok(!fixed.includes('?middot;'));
      assert.ok(fixed.includes('·武隆'));
      assert.ok(fixed.includes('共赴山海'), 'untouched text stays');

      // The generic kinds reach it too; a quickfix-only request does not.
      assert.deepEqual((await request(['source.fixAll'])).map((a) => a.kind), ['source.fixAll.seedCurator']);
      assert.deepEqual((await request(['source'])).map((a) => a.kind), ['source.fixAll.seedCurator']);
      assert.ok(!(await request(['quickfix'])).some((a) => a.kind?.startsWith('source')));

      const since = published.length;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
      const after = await forVersion(uri, 2, since);
      assert.equal(after.diagnostics.filter((d) => d.code === 'pinyin-annotation' || d.code === 'html-entity').length, 0);
      const again = await request(['source.fixAll.seedCurator']);
      assert.equal(again.flatMap((a) => editsFor(a.edit, uri)).length, 0, 'a second fix-all changes nothing');
    });

    it('debounces edits and publishes only for the latest version', async function () {
      const since = published.length;
      let lastSent = 0;
      for (let v = 3; v <= 6; v++) {
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: original + '\n'.repeat(v) }] });
        lastSent = performance.now();
      }
      const latest = await forVersion(uri, 6, since);
      // The configured debounceMs (200) passes after the last edit reached the server.
      assert.ok(performance.now() - lastSent >= 190, `published ${Math.round(performance.now() - lastSent)} ms after the last edit`);
      assert.equal(latest.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, countAnnotations(original));
      const versions = published.slice(since).filter((p) => p.uri === uri).map((p) => p.version);
      assert.deepEqual(versions, [6], 'intermediate versions were never published');
    });

    it('applies per-rule settings pulled from workspace/configuration', async function () {
      setSettings({ debounceMs: 200, rules: { 'pinyin-annotation': 'off', 'html-entity': 'error' } });
      let since = published.length;
      conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const off = await diagnosticsWhere((p) => p.uri === uri && p.version === 6, 'relint after settings change', since);
      assert.equal(off.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, 0);
      assert.equal(off.diagnostics.find((d) => d.code === 'html-entity')?.severity, 1, 'html-entity raised to error');
      // Closed workspace files are re-linted too.
      const d001 = await diagnosticsWhere((p) => p.uri === seedUri(SEED_001), '001 relint', since);
      assert.equal(d001.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, 0);

      setSettings({ debounceMs: 200, rules: {} });
      since = published.length;
      conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const on = await diagnosticsWhere((p) => p.uri === uri && p.version === 6, 'relint after settings reset', since);
      assert.equal(on.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, countAnnotations(original));
    });
  });

  it('reports UTF-16 positions on a line with an astral character', async function () {
    const uri = uriOf(path.join(workspace, 'other', 'astral.txt'));
    const text = '𠀀發(fā)展\n';
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version: 1, text } });
    const { diagnostics } = await forVersion(uri, 1);
    const d = diagnostics.find((x) => x.code === 'pinyin-annotation');
    assert.ok(d, 'the annotation after 發 is found');
    // 𠀀 is two UTF-16 code units: 發 sits at 2, "(fā)" spans 3..7 (code points would say 2..6).
    assert.deepEqual(d.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } });
    const actions: CodeAction[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const quick = actions.find((a) => a.isPreferred)!;
    assert.equal(applyLspEdits(text, editsFor(quick.edit, uri)), '𠀀發展\n');
    conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await diagnosticsWhere((p) => p.uri === uri && p.diagnostics.length === 0, 'cleared on close');
    assert.equal(cleared.diagnostics.length, 0);
  });

  it('follows watched-file events: created, changed, deleted, and a file gone before it was read', async function () {
    const file = path.join(seedsDir, 'new.txt');
    const uri = uriOf(file);
    await fs.writeFile(file, '濟南市長(zhǎng)出席\n');
    let since = published.length;
    conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    const created = await diagnosticsWhere((p) => p.uri === uri, 'created file', since);
    assert.deepEqual(created.diagnostics.map((d) => d.code), ['pinyin-annotation']);

    await fs.writeFile(file, '濟南市長出席\n');
    since = published.length;
    conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const changed = await diagnosticsWhere((p) => p.uri === uri, 'changed file', since);
    assert.equal(changed.diagnostics.length, 0);

    await fs.rm(file);
    since = published.length;
    conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await diagnosticsWhere((p) => p.uri === uri && p.diagnostics.length === 0, 'deleted file', since);

    // Listed, then gone before the server read it: logged once, and the server carries on with
    // the next change of the same notification (changes are handled in order).
    const ghost = uriOf(path.join(seedsDir, 'ghost.txt'));
    const later = path.join(seedsDir, 'later.txt');
    await fs.writeFile(later, '發(fā)展\n');
    const logsBefore = session.logs.length;
    since = published.length;
    conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ghost, type: 1 }, { uri: ghost, type: 2 }, { uri: uriOf(later), type: 1 }],
    });
    const laterDiagnostics = await diagnosticsWhere((p) => p.uri === uriOf(later), 'file after the ghost', since);
    assert.deepEqual(laterDiagnostics.diagnostics.map((d) => d.code), ['pinyin-annotation']);
    assert.equal(session.logs.slice(logsBefore).filter((m) => m.message.includes('ghost.txt')).length, 1, 'the unreadable file is logged once');
    assert.ok(!published.some((p) => p.uri === ghost));
    await fs.rm(later);
    conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(later), type: 3 }] });
  });

  it('answers seedCurator/fixAllInWorkspace with safe fixes for every seed file', async function () {
    const result: { edit: WorkspaceEdit; files: number; fixedByRule: Record<string, number> } = await conn.sendRequest('seedCurator/fixAllInWorkspace', {});
    const changes = result.edit.documentChanges ?? [];
    assert.equal(result.files, changes.length);
    const byUri = new Map(changes.map((c) => [c.textDocument.uri, c]));
    const c001 = byUri.get(seedUri(SEED_001));
    assert.ok(c001, 'seed 001 is fixed');
    assert.equal(c001.textDocument.version, null, '001 is not open');
    const text001 = await fs.readFile(path.join(seedsDir, SEED_001), 'utf8');
    assert.equal(countAnnotations(applyLspEdits(text001, c001.edits)), 0);
    assert.ok((result.fixedByRule['pinyin-annotation'] ?? 0) >= countAnnotations(text001));
  });
});

describe('language server over node IPC', function () {
  this.timeout(30000);

  it('serves diagnostics when started with --node-ipc, as a client may start it', async function () {
    const session = await LspSession.start({ transport: 'node-ipc', capabilities: {} });
    const connection = session.conn;
    try {
      const uri = 'file:///nowhere/ipc.txt';
      session.open(uri, '國(guó)家發(fā)展\n', 7);
      const published = (await session.nextPublication(uri, undefined, 0)) as PublishParams;
      assert.equal(published.version, 7);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]), [
        ['pinyin-annotation', 1, 6],
        ['pinyin-annotation', 8, 12],
      ]);
      // Without workspace-edit documentChanges support, fix-all answers with plain `changes`.
      const actions: CodeAction[] = await connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.equal(actions.length, 1);
      assert.equal(actions[0].edit?.documentChanges, undefined);
      assert.equal(applyLspEdits('國(guó)家發(fā)展\n', editsFor(actions[0].edit, uri)), '國家發展\n');
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      assert.equal(await session.exited, 0);
    } finally {
      await session.stop();
    }
  });
});

describe('incremental text sync', function () {
  this.timeout(30000);

  it('applies ranged changes around CJK and astral characters as the text they make', async function () {
    const session = await LspSession.start({ capabilities: {} });
    try {
      assert.equal((session.initializeResult as { capabilities: { textDocumentSync: { change: number } } }).capabilities.textDocumentSync.change, 2, 'Incremental');
      const uri = 'file:///nowhere/edited.txt';
      let text = '𠮷野家的國(guó)家發(fā)展\n第二行&middot;內容\n第三行\n';
      session.open(uri, text, 1);
      await session.nextPublication(uri, 1, 0);
      // Each change as an editor sends it, against the text the one before made.
      const changes: LspEdit[] = [
        // After 𠮷 (two UTF-16 units) and 野: an annotated word goes in.
        { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, newText: '區(qū)' },
        // Across a line break: the end of line 2 and the start of line 3 go.
        { range: { start: { line: 1, character: 5 }, end: { line: 2, character: 1 } }, newText: '' },
        // The first annotation goes (its fix, typed by hand).
        { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } }, newText: '' },
      ];
      let version = 1;
      for (const change of changes) {
        text = applyLspEdits(text, [change]);
        session.changeRange(uri, change.range, change.newText, ++version);
      }
      const edited = await session.nextPublication(uri, version, 0);
      assert.equal(text, '𠮷野區(qū)家的國家發(fā)展\n第二行&m三行\n');
      // The same diagnostics as for that text opened afresh (ranges, codes, messages, fixes),
      // alone in the corpus as the edited one was.
      session.close(uri);
      const fresh = 'file:///nowhere/fresh.txt';
      session.open(fresh, text, 1);
      const opened = await session.nextPublication(fresh, 1, 0);
      const comparable = (p: PublishParams) => p.diagnostics.map((d) => ({ ...d, data: d.data?.fixes }));
      assert.deepEqual(comparable(edited), comparable(opened));
      assert.deepEqual(edited.diagnostics.filter((d) => d.code === 'pinyin-annotation').map((d) => [d.code, sliceRange(text, d.range)]), [
        ['pinyin-annotation', '(qū)'],
        ['pinyin-annotation', '(fā)'],
      ]);
    } finally {
      await session.stop();
    }
  });
});
