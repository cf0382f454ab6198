// check's and stream's output in pieces (issue 9): a report too large for one string (a 16 MB line with 2.8
// million findings passed V8's maximum string length) is written in pieces that together are
// exactly the one JSON object, or the text lines, it always was. Here with 25,000 findings, which
// need three pieces; the 16 MB case itself takes a minute and 3 GB.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../server/src/cli/main';
import type { CliIo } from '../../server/src/cli/io';

async function run(args: string[], cwd: string, stdin = ''): Promise<{ code: number; pieces: string[] }> {
  const pieces: string[] = [];
  const io: CliIo = { cwd, stdin: Readable.from([stdin]), stdout: (c) => void pieces.push(String(c)), stderr: () => undefined };
  return { code: await runCli(args, io), pieces };
}

describe('check writes a large report in pieces', function () {
  this.timeout(120_000);
  const FINDINGS = 25_000;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-curator-output-'));
    writeFileSync(join(dir, 'a-many.txt'), '發(fā)'.repeat(FINDINGS) + '\n');
    writeFileSync(join(dir, 'b-empty.txt'), '');
    writeFileSync(join(dir, 'c-one.txt'), '國(guó)家\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json: the pieces make exactly one JSON object, as JSON.stringify writes it', async () => {
    const { code, pieces } = await run(['check', '--format', 'json', '--jobs', '1', 'a-many.txt', 'b-empty.txt', 'c-one.txt'], dir);
    assert.equal(code, 0);
    assert.ok(pieces.length > 3, `${pieces.length} pieces`);
    const out = pieces.join('');
    const report = JSON.parse(out);
    assert.equal(out, `${JSON.stringify(report)}\n`);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['a-many.txt', 'b-empty.txt', 'c-one.txt']);
    const [many, empty, one] = report.files;
    assert.equal(many.diagnostics.filter((d: { rule: string }) => d.rule === 'pinyin-annotation').length, FINDINGS);
    assert.deepEqual(many.diagnostics.find((d: { rule: string }) => d.rule === 'pinyin-annotation').range, { start: { line: 0, character: 1 }, end: { line: 0, character: 5 } });
    assert.deepEqual(empty.diagnostics, []);
    assert.equal(empty.skipped.reason, 'empty');
    assert.equal(Object.keys(empty).join(), 'path,diagnostics,skipped');
    assert.equal(one.diagnostics.filter((d: { rule: string }) => d.rule === 'pinyin-annotation').length, 1);
  });

  it('--format text: one line per finding and the summary, in pieces', async () => {
    const { code, pieces } = await run(['check', '--jobs', '1', 'a-many.txt', 'c-one.txt'], dir);
    assert.equal(code, 0);
    assert.ok(pieces.length > 1);
    const lines = pieces.join('').split('\n');
    assert.equal(lines.pop(), '', 'ends with a line break');
    assert.match(lines.at(-1)!, /^2 files checked: /);
    const pinyin = lines.filter((l) => l.includes(' pinyin-annotation '));
    assert.equal(pinyin.length, FINDINGS + 1);
    assert.ok(pinyin[FINDINGS - 1].startsWith(`a-many.txt:1:${5 * FINDINGS - 3}:`), pinyin[FINDINGS - 1]);
    assert.ok(pinyin[FINDINGS].startsWith('c-one.txt:1:2:'), pinyin[FINDINGS]);
  });

  it('stream: a document with that many findings is one output line, in pieces, its fields in order', async () => {
    const input = [
      { id: 'many', source: 'crawl', text: '發(fā)'.repeat(FINDINGS), lang: 'zh' },
      { id: 'one', text: '國(guó)家' },
    ];
    const { code, pieces } = await run(['stream', '--mode', 'both'], dir, input.map((d) => JSON.stringify(d)).join('\n') + '\n');
    assert.equal(code, 0);
    const out = pieces.join('');
    const lines = out.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 2);
    const [many, one] = lines.map((l) => JSON.parse(l));
    assert.equal(lines[0], JSON.stringify(many), 'exactly as JSON.stringify writes it');
    assert.deepEqual(Object.keys(many), ['id', 'source', 'lang', 'diagnostics', 'text', 'fixed']);
    assert.equal(many.diagnostics.filter((d: { rule: string }) => d.rule === 'pinyin-annotation').length, FINDINGS);
    assert.equal(many.text, '發'.repeat(FINDINGS));
    assert.equal(many.fixed['pinyin-annotation'], FINDINGS);
    assert.ok(pieces.length > 3, `${pieces.length} pieces`);
    assert.equal(one.text, '國家');
  });
});
