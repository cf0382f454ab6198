// What the server says about a file itself: bytes that are not UTF-8, and size over the limit.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iconv from 'iconv-lite';
import { startSeedServer, type SeedServer } from './client';

describe('language server file notices', function () {
  this.timeout(90_000);
  let server: SeedServer;
  before(async () => {
    server = await startSeedServer();
    await server.scanned();
  });
  after(async () => server?.stop());

  it('reports a GBK file once, with how to reopen it, instead of linting mojibake', async () => {
    const file = path.join(server.seedsDir, 'gbk-page.txt');
    await fs.writeFile(file, iconv.encode('苏州市委书记刘小涛会见普陀区委书记胡广杰一行,共同见证两地签署合作备忘录。\n', 'gbk'));
    const uri = pathToFileURL(file).href;
    const since = server.published.length;
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    const p = await server.publication((x) => x.uri === uri, 'diagnostics of the GBK file', since);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].code, 'file');
    assert.match(p.diagnostics[0].message, /This file is GBK, not UTF-8.*Reopen with Encoding/);
  });

  it('analyses a file over the size limit in part and says so on its first line', async () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 1100 * 1024; i++) {
      lines.push(`第${i}段,上海市普陀区党政代表团来苏州考察,双方在合作交流方面进行了深入座谈。\n`);
      size += Buffer.byteLength(lines[i]);
    }
    const text = lines.join('');
    const uri = server.seedUri('huge.txt');
    const since = server.published.length;
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version: 1, text } });
    const p = await server.publication((x) => x.uri === uri, 'diagnostics of the large file', since);
    const notice = p.diagnostics.find((d) => d.code === 'file');
    assert.ok(notice, 'no size notice');
    assert.equal(notice!.range.start.line, 0);
    assert.match(notice!.message, /over the analysis limit of 1024 KB.*only the first \d+ lines were checked/);
    const checkedLines = Number(/first (\d+) lines/.exec(notice!.message)![1]);
    assert.ok(checkedLines < text.split('\n').length - 1);
  });
});
