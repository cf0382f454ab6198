// A line of 10 MB (issue 9) through the BUILT CLI (check, fix --write, stream) and server
// (didOpen): every path finishes, says what it did, and loses no text. Slow (minutes on a
// loaded two-core machine): run by `npm run test:slow`, not by `npm test`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession } from '../support/lsp-session';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'cli.js');
const MB = 1024 * 1024;

// Clean prose with, every ~4 KB, a converter's pinyin annotation and a raw entity.
const PROSE = '上海市普陀区党政代表团来苏州考察,双方在合作交流方面进行了深入座谈。';
const DAMAGED = '发(fā)展合作&middot;';
const REPAIRED = '发展合作·';
const BLOCK = PROSE.repeat(40); // 40 × 35 × 3 bytes ≈ 4 KB
const BLOCKS = Math.ceil((10 * MB) / Buffer.byteLength(BLOCK + DAMAGED));
const TITLE = '沪苏两地深化合作交流\n';
const LONG_LINE = (BLOCK + DAMAGED).repeat(BLOCKS);
const TEXT = `${TITLE}${LONG_LINE}\n(完)\n`;
const EXPECTED_FIXED = `${TITLE}${(BLOCK + REPAIRED).repeat(BLOCKS)}\n(完)\n`;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe(`a 10 MB line (${(Buffer.byteLength(LONG_LINE) / MB).toFixed(1)} MB, ${BLOCKS} annotations and entities in it)`, function () {
  this.timeout(900_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-curator-huge-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check --format json reports every annotation and entity of the line, at its UTF-16 column', async () => {
    writeFileSync(join(dir, 'huge.txt'), TEXT);
    const r = await cli(dir, ['check', 'huge.txt', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const diagnostics: { rule: string; range: { start: { line: number; character: number } } }[] = report.files[0].diagnostics;
    const pinyin = diagnostics.filter((d) => d.rule === 'pinyin-annotation');
    const entities = diagnostics.filter((d) => d.rule === 'html-entity');
    assert.equal(pinyin.length, BLOCKS);
    assert.equal(entities.length, BLOCKS);
    const last = pinyin.at(-1)!.range.start;
    assert.deepEqual(last, { line: 1, character: LONG_LINE.lastIndexOf('(fā)') });
  });

  it('fix --write repairs the whole line and loses nothing else; no temporary file stays', async () => {
    writeFileSync(join(dir, 'huge.txt'), TEXT);
    const r = await cli(dir, ['fix', 'huge.txt', '--write']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`pinyin-annotation ${BLOCKS}`));
    const written = readFileSync(join(dir, 'huge.txt'), 'utf8');
    assert.equal(written.length, EXPECTED_FIXED.length);
    assert.ok(written === EXPECTED_FIXED, 'the written file is the text with exactly the annotations and entities repaired');
    assert.deepEqual(readdirSync(dir), ['huge.txt']);
  });

  it('stream --mode both takes the line as one JSON document and returns it fixed, other fields kept', async () => {
    const input = JSON.stringify({ id: 'huge', source: 'crawl-7', text: TEXT }) + '\n' + JSON.stringify({ id: 'small', text: '國(guó)家\n' }) + '\n';
    const r = await cli(dir, ['stream', '--mode', 'both'], input);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), ['huge', 'small'], 'the document after it is served too');
    assert.equal(lines[0].source, 'crawl-7');
    assert.ok(lines[0].text === EXPECTED_FIXED, 'the fixed text');
    assert.equal(lines[0].fixed['pinyin-annotation'], BLOCKS);
    assert.equal(lines[0].diagnostics.filter((d: { rule: string }) => d.rule === 'pinyin-annotation').length, BLOCKS);
    assert.equal(lines[1].text, '國家\n');
  });

  it('the server, on didOpen, analyses the first 1 MB of the line, says so, indexes people as far, and keeps answering', async () => {
    const session = await LspSession.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///huge/huge.txt';
      // A person stated before the line, another after it (beyond the analysed part).
      const text = `苏州市委书记刘小涛出席。\n${TEXT.replace('(完)', '上海市委书记李强出席。(完)')}`;
      session.open(uri, text, 1);
      const published = await session.nextPublication(uri, 1, 0);
      const notice = published.diagnostics.find((d) => d.code === 'file');
      assert.ok(notice, 'a notice on the first line');
      assert.match(notice.message, /This file is 10\d{3} KB, over the analysis limit of 1024 KB.*only the first 2 lines and the first \d+ characters of line 3 were checked/);
      const checkedChars = Number(/first (\d+) characters/.exec(notice.message)![1]);
      assert.ok(checkedChars > 300_000, `most of 1 MB of the line is checked (${checkedChars} characters)`);
      const pinyin = published.diagnostics.filter((d) => d.code === 'pinyin-annotation');
      // Findings reach into the line as far as the checked part, and no further.
      const inPart = LONG_LINE.slice(0, checkedChars).split('(fā)').length - 1;
      assert.equal(pinyin.length, inPart);
      assert.ok(pinyin.every((d) => d.range.start.line === 2 && d.range.end.character <= checkedChars));
      // It still answers: a finding's hover, the person stated in the part, and not the one beyond it.
      const hover = (line: number, character: number) =>
        session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<{ contents: { value: string } } | null>;
      assert.match((await hover(2, pinyin[0].range.start.character + 1))!.contents.value, /pinyin-annotation/);
      assert.match((await hover(0, '苏州市委书记'.length + 1))!.contents.value, /\*\*刘小涛\*\*/);
      const symbols: { name: string }[] = await session.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      const names = symbols.map((x) => x.name);
      assert.ok(names.includes('刘小涛'), names.join(', '));
      assert.ok(!names.includes('李强'), 'a person beyond the analysed part is not indexed');
      // It follows an edit of the first line.
      session.change(uri, text.replace('出席', '發(fā)言'), 2);
      const after = await session.nextPublication(uri, 2, 0);
      assert.equal(after.diagnostics.filter((d) => d.code === 'pinyin-annotation').length, inPart + 1);
      assert.equal(session.child.exitCode, null, 'the server is running');
    } finally {
      await session.stop();
    }
  });
});
