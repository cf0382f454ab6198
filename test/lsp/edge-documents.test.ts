// Empty files and mixed line endings over the protocol (issue 9), against the BUILT server.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSeedServer, type SeedServer } from './client';

describe('language server: empty files and mixed line endings', function () {
  this.timeout(90_000);
  let server: SeedServer;
  before(async () => {
    server = await startSeedServer({}, { prepare: (workspace) => fs.writeFile(path.join(workspace, 'seeds', 'empty-at-start.txt'), '') });
    await server.scanned();
  });
  after(async () => server?.stop());

  it('publishes no diagnostics for an empty seed file found by the scan or created later', async () => {
    const scanned = await server.publication((p) => p.uri === server.seedUri('empty-at-start.txt'), 'the empty file of the scan');
    assert.deepEqual(scanned.diagnostics, []);
    const file = path.join(server.seedsDir, 'empty-later.txt');
    await fs.writeFile(file, '');
    const uri = pathToFileURL(file).href;
    const since = server.published.length;
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    const created = await server.publication((p) => p.uri === uri, 'the empty file created', since);
    assert.deepEqual(created.diagnostics, []);
  });

  it('diagnoses an opened empty document, then what is typed into it', async () => {
    const uri = server.seedUri('typed.txt');
    const since = server.published.length;
    server.session.open(uri, '', 1);
    const empty = await server.publication((p) => p.uri === uri && p.version === 1, 'the empty document', since);
    assert.deepEqual(empty.diagnostics, []);
    server.session.change(uri, '發(fā)展\n', 2);
    const typed = await server.publication((p) => p.uri === uri && p.version === 2, 'the typed text', since);
    assert.deepEqual(typed.diagnostics.filter((d) => d.code === 'pinyin-annotation').map((d) => d.range), [{ start: { line: 0, character: 1 }, end: { line: 0, character: 5 } }]);
    server.session.change(uri, '', 3);
    const emptied = await server.publication((p) => p.uri === uri && p.version === 3, 'the emptied document', since);
    assert.deepEqual(emptied.diagnostics, []);
  });

  it('counts LF, CRLF and lone CR as line breaks in diagnostic positions, and its fix keeps them', async () => {
    const uri = server.seedUri('mixed.txt');
    const text = '标题\r國(guó)家\r\n合作&middot;交流\n發(fā)展\r';
    const since = server.published.length;
    server.session.open(uri, text, 1);
    const published = await server.publication((p) => p.uri === uri && p.version === 1, 'the mixed document', since);
    const at = (code: string) => published.diagnostics.filter((d) => d.code === code).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
    assert.deepEqual(at('pinyin-annotation'), [[1, 1, 6], [3, 1, 5]]);
    assert.deepEqual(at('html-entity'), [[2, 2, 10]]);
    const actions: { edit: { documentChanges: { edits: { range: any; newText: string }[] }[] } }[] = await server.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    // Apply the edits by the same line counting (\r\n, \r, \n) and compare with the expected text.
    const lineStarts = [0];
    for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index! + m[0].length);
    const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
    const edits = (actions[0].edit as any).changes?.[uri] ?? actions[0].edit.documentChanges[0].edits;
    let fixed = text;
    for (const e of [...edits].sort((a: any, b: any) => offset(b.range.start) - offset(a.range.start))) {
      fixed = fixed.slice(0, offset(e.range.start)) + e.newText + fixed.slice(offset(e.range.end));
    }
    assert.equal(fixed, '标题\r國家\r\n合作·交流\n發展\r');
  });
});
