// Large and awkward inputs through the engine (issue 9): a line with more findings than a
// function call can take as arguments, mixed line endings and empty text. The 10 MB lines
// through the built CLI and server are in test/slow/huge-line.test.ts (npm run test:slow).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../server/src/cli/io';
import { runCli } from '../../server/src/cli/main';
import { fixText, lintText } from '../../server/src/core/engine';

describe('large and awkward inputs (engine)', function () {
  this.timeout(60_000);

  it('lints a line with 150,000 findings of one rule (more than a spread call takes) and fixes it whole', () => {
    const count = 150_000;
    const text = '發(fā)'.repeat(count);
    const findings = lintText('file:///many.txt', text, { only: ['pinyin-annotation'] });
    assert.equal(findings.length, count);
    assert.deepEqual([findings[0].start, findings[0].end], [1, 5]);
    assert.deepEqual([findings[count - 1].start, findings[count - 1].end], [text.length - 4, text.length]);
    const fixed = fixText('file:///many.txt', text, { only: ['pinyin-annotation'] });
    assert.equal(fixed.text, '發'.repeat(count));
    assert.equal(fixed.fixedByRule['pinyin-annotation'], count);
  });

  it('keeps every line break of a file with LF, CRLF and lone CR lines through fix-all, and finds damage on each line', () => {
    const lines = ['濟南市長(zhǎng)出席', '上海&middot;苏州', '發(fā)展合作', '普通的一行', '國(guó)家'];
    const breaks = ['\r\n', '\r', '\n', '\r\n'];
    const text = lines.map((l, i) => l + (breaks[i] ?? '')).join('');
    const findings = lintText('file:///mixed.txt', text);
    const lineOf = (offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
    const pinyinLines = findings.filter((f) => f.ruleId === 'pinyin-annotation').map((f) => lineOf(f.start));
    assert.deepEqual(pinyinLines, [0, 2, 4]);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'html-entity').map((f) => text.slice(f.start, f.end)), ['&middot;']);
    const fixed = fixText('file:///mixed.txt', text).text;
    assert.equal(fixed, '濟南市長出席\r\n上海·苏州\r發展合作\n普通的一行\r\n國家');
  });

  it('finds nothing in empty text, and fix-all leaves it empty', () => {
    assert.deepEqual(lintText('file:///empty.txt', ''), []);
    const fixed = fixText('file:///empty.txt', '', { unsafe: true });
    assert.equal(fixed.text, '');
    assert.deepEqual(fixed.fixedByRule, {});
  });

  it('fix --write keeps each line break of a mixed file and leaves an empty file as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-curator-mixed-'));
    try {
      writeFileSync(join(dir, 'mixed.txt'), '濟南市長(zhǎng)出席\r\n上海&middot;苏州\r發(fā)展合作\n國(guó)家');
      writeFileSync(join(dir, 'empty.txt'), '');
      let err = '';
      const io: CliIo = { cwd: dir, stdout: () => undefined, stderr: (c) => (err += c) };
      const code = await runCli(['fix', '--write', 'mixed.txt', 'empty.txt'], io);
      assert.equal(code, 0, err);
      assert.equal(readFileSync(join(dir, 'mixed.txt'), 'utf8'), '濟南市長出席\r\n上海·苏州\r發展合作\n國家');
      assert.equal(readFileSync(join(dir, 'empty.txt'), 'utf8'), '');
      assert.match(err, /empty\.txt: empty file/);
      assert.deepEqual(readdirSync(dir).sort(), ['empty.txt', 'mixed.txt'], 'no temporary or backup file left');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
