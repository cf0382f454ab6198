// Scale-out as the README's "Scaling out" section runs it: generated documents split
// into shards, `stats` per shard, `stats --merge`, `stream --stats` per shard, and the
// shards' outputs concatenated must equal one `stream` over everything.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../server/src/cli/main';
import { fixText } from '../../server/src/core/engine';
import type { CliIo } from '../../server/src/cli/io';
import { generateDocuments } from '../../bench/generate';

async function run(args: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, stdin: Readable.from([stdin]), stdout: (c) => (out += String(c)), stderr: (c) => (err += c) };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('seed-curator stream and stats (scaling out)', function () {
  this.timeout(120000);
  let dir: string;
  const docs = generateDocuments({ seed: 11, files: 36 }).map((d, i) => ({ id: `doc-${i}`, url: `https://example.org/${i}`, text: d.text }));
  const jsonl = (list: typeof docs) => list.map((d) => JSON.stringify(d)).join('\n') + '\n';
  const shards = [docs.slice(0, 10), docs.slice(10, 23), docs.slice(23)];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-curator-stream-'));
    writeFileSync(join(dir, 'all.jsonl'), jsonl(docs));
    shards.forEach((s, i) => writeFileSync(join(dir, `shard-${i}.jsonl`), jsonl(s)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('merged shard statistics equal the statistics of all documents, in any merge order', async function () {
    const whole = await run(['stats', 'all.jsonl'], dir);
    assert.equal(whole.code, 0, whole.err);
    for (let i = 0; i < shards.length; i++) {
      const r = await run(['stats', `shard-${i}.jsonl`], dir);
      writeFileSync(join(dir, `shard-${i}.stats.json`), r.out);
    }
    const merged = await run(['stats', '--merge', 'shard-2.stats.json', 'shard-0.stats.json', 'shard-1.stats.json'], dir);
    assert.equal(merged.out, whole.out);
    writeFileSync(join(dir, 'corpus.stats.json'), merged.out);
    // Concatenated shard outputs on stdin, as a Hadoop Streaming reducer gets them (key, tab, empty value).
    const parts = [];
    for (let i = 0; i < shards.length; i++) parts.push((await run(['stats', `shard-${i}.jsonl`], dir)).out.replace(/\n$/, '\t\n'));
    assert.equal((await run(['stats', '--merge'], dir, parts.reverse().join(''))).out, whole.out);
    const parsed = JSON.parse(whole.out);
    assert.equal(parsed.documents, docs.length);
    // Generated documents share lines: the file must carry that evidence.
    assert.ok(Object.values(parsed.lines as Record<string, [number, string[]]>).some(([n]) => n >= 5));
  });

  it('stream over shards, concatenated, equals one stream over everything', async function () {
    for (const mode of ['check', 'both']) {
      const single = await run(['stream', '--mode', mode, '--stats', 'corpus.stats.json'], dir, jsonl(docs));
      let concatenated = '';
      for (let i = 0; i < shards.length; i++) concatenated += (await run(['stream', '--mode', mode, '--stats', 'corpus.stats.json', `shard-${i}.jsonl`], dir)).out;
      assert.equal(concatenated, single.out, mode);
      const lines = single.out.trimEnd().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => l.id), docs.map((d) => d.id), 'one output line per input line, in order');
      assert.equal(lines[0].url, docs[0].url, 'other fields are kept');
    }
  });

  it('the statistics bring corpus evidence a document alone does not have', async function () {
    const alone = await run(['stream', 'shard-0.jsonl'], dir);
    const withStats = await run(['stream', '--stats', 'corpus.stats.json', 'shard-0.jsonl'], dir);
    const count = (out: string) => out.split('\n').filter(Boolean).flatMap((l) => JSON.parse(l).diagnostics).filter((d: { rule: string }) => d.rule === 'boilerplate-repeated-line').length;
    assert.equal(count(alone.out), 0);
    assert.ok(count(withStats.out) > 0);
  });

  it('fix mode gives the text fix-all gives', async function () {
    const r = await run(['stream', '--mode', 'fix'], dir, jsonl(docs.slice(0, 3)));
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    for (let i = 0; i < 3; i++) assert.equal(lines[i].text, fixText(docs[i].id, docs[i].text).text);
  });

  it('rejects a line that is not a document, with its line number', async function () {
    const r = await run(['stream'], dir, '{"id":"a","text":"x"}\n{"text":1}\n');
    assert.equal(r.code, 2);
    assert.match(r.err, /<stdin>:2:/);
  });

  it('runs as a pipe through the built CLI', function () {
    const cli = join(__dirname, '..', '..', 'dist', 'cli', 'cli.js');
    if (!existsSync(cli)) this.skip();
    const out = execFileSync(process.execPath, [cli, 'stream', '--stats', 'corpus.stats.json'], { cwd: dir, input: jsonl(shards[1]), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return run(['stream', '--stats', 'corpus.stats.json', 'shard-1.jsonl'], dir).then((r) => assert.equal(out, r.out));
  });
});
