// The built CLI (dist/cli/cli.js), spawned as users and tooling run it, on temporary copies.
// Expected positions are computed here from the file text with plain string
// operations, independently of core/positions.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import iconv from 'iconv-lite';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'cli.js');
const SEEDS = join(ROOT, 'seeds');
const SEED_001 = '001_f2b6781d392f61d3.txt';
const SEED_003 = '003_19257488ec84b839.txt';
// A Han character directly followed by a parenthesised toned pinyin syllable (as in seeds.test.ts).
const ANNOTATION = /\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u;

interface Run {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

function run(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stdoutBytes: r.stdout, stderr: r.stderr.toString('utf8') };
}

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}
interface JsonDiagnostic {
  rule: string;
  category: string;
  severity: string;
  message: string;
  range: JsonRange;
  fixes: Array<{ title: string; safe: boolean; manual?: boolean; edits: Array<{ range: JsonRange; newText: string }> }>;
}
interface JsonReport {
  version: number;
  files: Array<{ path: string; diagnostics: JsonDiagnostic[]; skipped?: { reason: string; message: string } }>;
}

function parseReport(r: Run): JsonReport {
  // Exactly one JSON object: the whole of stdout parses.
  return JSON.parse(r.stdout) as JsonReport;
}

const splitLines = (text: string) => text.split(/\r\n|\n|\r/);

/** The text a single-line range covers, by plain slicing of the line. */
function covered(text: string, range: JsonRange): string {
  assert.equal(range.start.line, range.end.line, 'single-line range');
  return splitLines(text)[range.start.line].slice(range.start.character, range.end.character);
}

describe('cli (built, spawned)', function () {
  // Every case starts node processes; on a loaded two-core machine each takes seconds.
  this.timeout(90_000);
  let dir: string;

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  });

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));
  });

  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  function copySeed(name: string, as = name, mode = 0o644): string {
    const target = join(dir, as);
    copyFileSync(join(SEEDS, name), target);
    chmodSync(target, mode);
    return target;
  }

  describe('check --format json', () => {
    it('gives LSP ranges in UTF-16 units: an astral character before an annotation counts two', () => {
      const text = '第一行\n𠀀發(fā)展合作\n';
      writeFileSync(join(dir, 'astral.txt'), text);
      const r = run(dir, 'check', 'astral.txt', '--format', 'json');
      assert.equal(r.status, 0, r.stderr);
      const report = parseReport(r);
      assert.equal(report.version, 1);
      assert.deepEqual(report.files.map((f) => f.path), ['astral.txt']);
      const pinyin = report.files[0].diagnostics.filter((d) => d.rule === 'pinyin-annotation');
      assert.equal(pinyin.length, 1);
      const line = splitLines(text)[1];
      const character = line.indexOf('(fā)'); // UTF-16 index: 𠀀 is two units
      assert.equal(character, 3);
      assert.deepEqual(pinyin[0].range, { start: { line: 1, character }, end: { line: 1, character: character + '(fā)'.length } });
      assert.equal(pinyin[0].category, 'encoding');
      assert.equal(pinyin[0].severity, 'warning');
      const fix = pinyin[0].fixes.find((f) => f.safe)!;
      assert.equal(fix.edits.length, 1);
      assert.equal(covered(text, fix.edits[0].range), '(fā)');
      assert.equal(fix.edits[0].newText, '');
    });

    it('reports every pinyin annotation of seed 001 at the range that holds it, with paths relative to cwd', () => {
      mkdirSync(join(dir, 'seeds'));
      copySeed(SEED_001, `seeds/${SEED_001}`);
      const text = readFileSync(join(SEEDS, SEED_001), 'utf8');
      const r = run(dir, 'check', 'seeds', '--format', 'json');
      assert.equal(r.status, 0, r.stderr);
      const report = parseReport(r);
      assert.deepEqual(report.files.map((f) => f.path), [`seeds/${SEED_001}`]);
      const diagnostics = report.files[0].diagnostics;
      for (const d of diagnostics) {
        assert.deepEqual(Object.keys(d).filter((k) => k !== 'related').sort(), ['category', 'fixes', 'message', 'range', 'rule', 'severity']);
      }
      const pinyin = diagnostics.filter((d) => d.rule === 'pinyin-annotation');
      assert.equal(pinyin.length, text.match(new RegExp(ANNOTATION, 'gu'))!.length);
      for (const d of pinyin) {
        const lineText = splitLines(text)[d.range.start.line];
        // The range is the parenthesis right after a Han character.
        assert.match(covered(text, d.range), /^[(（][^()（）]+[)）]$/u);
        assert.match(lineText.slice(0, d.range.start.character), /\p{Script=Han}$/u);
      }
      // The lost ? lines of 001 are there too.
      assert.ok(diagnostics.some((d) => d.rule === 'lost-character' && covered(text, d.range).trim() === '?'));
    });

    it('counts a leading BOM as a character of line 0 and keeps it through fix', () => {
      const text = '\ufeff發(fā)展\n';
      writeFileSync(join(dir, 'bom.txt'), text);
      const check = parseReport(run(dir, 'check', 'bom.txt', '--format', 'json'));
      const pinyin = check.files[0].diagnostics.find((d) => d.rule === 'pinyin-annotation')!;
      assert.equal(pinyin.range.start.character, text.indexOf('('));
      const fixed = run(dir, 'fix', 'bom.txt', '--stdout');
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.deepEqual([...fixed.stdoutBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(fixed.stdout, '\ufeff發展\n');
    });
  });

  describe('check: text format and exit codes', () => {
    it('prints path:line:col (1-based) per finding and a summary; exit 0 with warnings only', () => {
      const text = '第一行\n𠀀發(fā)展合作\n';
      writeFileSync(join(dir, 'a.txt'), text);
      const r = run(dir, 'check', 'a.txt');
      assert.equal(r.status, 0, r.stderr);
      const col = splitLines(text)[1].indexOf('(fā)') + 1;
      assert.match(r.stdout, new RegExp(`^a\\.txt:2:${col}: warning pinyin-annotation `, 'm'));
      assert.match(r.stdout.trimEnd().split('\n').at(-1)!, /^1 file checked: \d+ problems? /);
    });

    it('exits 1 when a config raises a rule to error, and reports the raised severity', () => {
      writeFileSync(join(dir, 'a.txt'), '我們要發(fā)展。\n');
      writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: { 'pinyin-annotation': 'error' } }));
      const strict = run(dir, 'check', 'a.txt', '--config', 'strict.json', '--format', 'json');
      assert.equal(strict.status, 1);
      assert.ok(parseReport(strict).files[0].diagnostics.some((d) => d.rule === 'pinyin-annotation' && d.severity === 'error'));
      writeFileSync(join(dir, 'off.json'), JSON.stringify({ rules: { 'pinyin-annotation': 'off' } }));
      const off = run(dir, 'check', 'a.txt', '--config', 'off.json', '--format', 'json');
      assert.equal(off.status, 0);
      assert.ok(!parseReport(off).files[0].diagnostics.some((d) => d.rule === 'pinyin-annotation'));
    });

    const usage: Array<[string, string[], RegExp]> = [
      ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
      ['an unknown flag', ['check', 'a.txt', '--frob'], /unknown option --frob/],
      ['an unknown format', ['check', 'a.txt', '--format', 'xml'], /--format must be text or json/],
      ['a missing path', ['check', 'missing.txt'], /no such file or folder: missing\.txt/],
      ['a glob matching nothing', ['check', 'nothing-*.txt'], /no files matched/],
      ['no seeds/ to default to', ['check'], /no seeds\/ folder/],
      ['a bad rule level in the config', ['check', 'a.txt', '--config', 'bad.json'], /level "loud"/],
      ['--stdout with several files', ['fix', 'a.txt', 'b.txt', '--stdout'], /--stdout prints one file, but 2 files/],
      ['--stdout with --write', ['fix', 'a.txt', '--stdout', '--write'], /exclude each other/],
      ['--backup without --write', ['fix', 'a.txt', '--backup'], /--backup only makes sense with --write/],
      ['an unknown encoding', ['check', 'a.txt', '--encoding', 'klingon'], /unknown encoding 'klingon'/],
    ];
    for (const [what, args, message] of usage) {
      it(`exits 2 with a message on stderr and nothing on stdout for ${what}`, () => {
        writeFileSync(join(dir, 'a.txt'), '發(fā)展\n');
        writeFileSync(join(dir, 'b.txt'), '發(fā)展\n');
        writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { 'pinyin-annotation': 'loud' } }));
        const r = run(dir, ...args);
        assert.equal(r.status, 2);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
        assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), '發(fā)展\n');
      });
    }
  });

  describe('fix', () => {
    it('--stdout prints seed 003 with ·武隆 and no pinyin annotation, and leaves the file alone', () => {
      const file = copySeed(SEED_003);
      const before = readFileSync(file);
      const r = run(dir, 'fix', SEED_003, '--stdout');
      assert.equal(r.status, 0, r.stderr);
      assert.ok(before.toString('utf8').includes('?middot;武隆'));
      assert.ok(r.stdout.includes('·武隆'));
      assert.ok(!r.stdout.includes('middot;'));
      assert.doesNotMatch(r.stdout, ANNOTATION);
      assert.match(r.stderr, /pinyin-annotation \d+/);
      assert.deepEqual(readFileSync(file), before);
    });

    it('without flags prints a unified diff that turns the file into the --stdout text, and writes nothing', () => {
      const file = copySeed(SEED_003);
      const before = readFileSync(file, 'utf8');
      const mtime = statSync(file).mtimeMs;
      const fixed = run(dir, 'fix', SEED_003, '--stdout').stdout;
      const r = run(dir, 'fix', SEED_003);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.startsWith(`--- a/${SEED_003}\n+++ b/${SEED_003}\n@@ `), r.stdout.slice(0, 200));
      assert.equal(applyPatch(before, r.stdout), fixed);
      assert.match(r.stderr, /Nothing written; pass --write to apply/);
      assert.equal(readFileSync(file, 'utf8'), before);
      assert.equal(statSync(file).mtimeMs, mtime);
    });

    it('--write replaces the file by rename, keeps its mode and leaves no temporary file', () => {
      const file = copySeed(SEED_003, SEED_003, 0o640);
      const expected = run(dir, 'fix', SEED_003, '--stdout').stdout;
      const inodeBefore = statSync(file).ino;
      const r = run(dir, 'fix', SEED_003, '--write');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), expected);
      assert.equal(statSync(file).mode & 0o7777, 0o640);
      assert.notEqual(statSync(file).ino, inodeBefore, 'a new file renamed into place, not rewritten in place');
      assert.deepEqual(readdirSync(dir), [SEED_003]);
      // Fixed to a fixed point: a second run finds nothing to do.
      const again = run(dir, 'fix', SEED_003, '--write');
      assert.equal(again.status, 0);
      assert.match(again.stderr, /nothing to fix/);
      assert.equal(readFileSync(file, 'utf8'), expected);
    });

    it('--backup keeps the original, and never overwrites an earlier backup', () => {
      const file = copySeed(SEED_003);
      const original = readFileSync(file);
      writeFileSync(`${file}.bak`, 'an older backup');
      const r = run(dir, 'fix', SEED_003, '--write', '--backup');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(readFileSync(`${file}.bak.1`), original);
      assert.equal(readFileSync(`${file}.bak`, 'utf8'), 'an older backup');
      assert.notDeepEqual(readFileSync(file), original);
      assert.match(r.stderr, new RegExp(`original kept as ${SEED_003.replace(/\./g, '\\.')}\\.bak\\.1`));
    });

    it('--write refuses a symlink that resolves outside cwd and the folders named, and writes the others', () => {
      const outside = copySeed(SEED_003, 'outside.txt');
      const work = join(dir, 'work');
      mkdirSync(work);
      symlinkSync(outside, join(work, 'escape.txt'));
      copySeed(SEED_001, 'work/inside.txt');
      const outsideBefore = readFileSync(outside);
      const r = run(work, 'fix', '.', '--write');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /escape\.txt: resolves to .*outside\.txt, outside the folders being fixed/);
      assert.deepEqual(readFileSync(outside), outsideBefore);
      assert.ok(lstatSync(join(work, 'escape.txt')).isSymbolicLink());
      assert.doesNotMatch(readFileSync(join(work, 'inside.txt'), 'utf8'), ANNOTATION);
    });

    it('--write follows a symlink whose target is inside the folder, keeping the link a link', () => {
      const work = join(dir, 'work');
      mkdirSync(work);
      copySeed(SEED_003, 'work/target.txt');
      symlinkSync('target.txt', join(work, 'link.txt'));
      const r = run(dir, 'fix', 'work/link.txt', '--write');
      assert.equal(r.status, 0, r.stderr);
      assert.ok(lstatSync(join(work, 'link.txt')).isSymbolicLink());
      assert.doesNotMatch(readFileSync(join(work, 'target.txt'), 'utf8'), ANNOTATION);
    });

    it('--write refuses a read-only file and leaves it as it was', () => {
      const file = copySeed(SEED_003, SEED_003, 0o444);
      const before = readFileSync(file);
      const r = run(dir, 'fix', SEED_003, '--write');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /is read-only: not written/);
      assert.deepEqual(readFileSync(file), before);
    });
  });

  describe('bad input', () => {
    it('reports a binary file and skips it, still checking the others', () => {
      writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
      writeFileSync(join(dir, 'good.txt'), '我們要發(fā)展。\n');
      const r = run(dir, 'check', '.', '--format', 'json');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /blob\.txt: is a binary file \(NUL byte at byte offset 4\)/);
      const report = parseReport(r);
      const blob = report.files.find((f) => f.path === 'blob.txt')!;
      assert.equal(blob.skipped?.reason, 'binary');
      assert.deepEqual(blob.diagnostics, []);
      assert.ok(report.files.find((f) => f.path === 'good.txt')!.diagnostics.some((d) => d.rule === 'pinyin-annotation'));
      const fix = run(dir, 'fix', 'blob.txt', '--stdout');
      assert.equal(fix.status, 1);
      assert.equal(fix.stdout, '');
    });

    it('says an empty file has nothing to check, without failing', () => {
      writeFileSync(join(dir, 'empty.txt'), '');
      const r = run(dir, 'check', 'empty.txt');
      assert.equal(r.status, 0);
      assert.match(r.stderr, /empty\.txt: empty file/);
    });

    const GBK_TEXT = '我们要发(fā)展经济，促进东西部协作交流。\n会议在重庆市举行，双方签署了合作协议。\n';

    it('recognises a GBK file, suggests --encoding gbk, and does not lint it as text', () => {
      const bytes = iconv.encode(GBK_TEXT, 'gbk');
      writeFileSync(join(dir, 'gbk.txt'), bytes);
      const r = run(dir, 'check', 'gbk.txt', '--format', 'json');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /gbk\.txt: is not UTF-8 .*GBK.*--encoding gbk/);
      const file = parseReport(r).files[0];
      assert.equal(file.skipped?.reason, 'encoding');
      assert.deepEqual(file.diagnostics, []);
    });

    it('recognises a Big5 file and suggests --encoding big5', () => {
      writeFileSync(join(dir, 'big5.txt'), iconv.encode('我們要發展經濟，促進東西部協作交流。\n會議在重慶市舉行，雙方簽署了合作協議。\n', 'big5'));
      const r = run(dir, 'check', 'big5.txt');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /big5\.txt: is not UTF-8 .*Big5.*--encoding big5/);
    });

    it('with --encoding gbk checks the file, and --write keeps it GBK unless UTF-8 is asked for', () => {
      writeFileSync(join(dir, 'gbk.txt'), iconv.encode(GBK_TEXT, 'gbk'));
      const check = run(dir, 'check', 'gbk.txt', '--encoding', 'gbk', '--format', 'json');
      assert.equal(check.status, 0, check.stderr);
      const pinyin = parseReport(check).files[0].diagnostics.filter((d) => d.rule === 'pinyin-annotation');
      assert.equal(pinyin.length, 1);
      assert.equal(covered(GBK_TEXT, pinyin[0].range), '(fā)');

      const expected = GBK_TEXT.replace('(fā)', '');
      const write = run(dir, 'fix', 'gbk.txt', '--encoding', 'gbk', '--write');
      assert.equal(write.status, 0, write.stderr);
      assert.deepEqual(readFileSync(join(dir, 'gbk.txt')), iconv.encode(expected, 'gbk'));

      writeFileSync(join(dir, 'gbk.txt'), iconv.encode(GBK_TEXT, 'gbk'));
      const toUtf8 = run(dir, 'fix', 'gbk.txt', '--encoding', 'gbk', '--write', '--output-encoding', 'utf8');
      assert.equal(toUtf8.status, 0, toUtf8.stderr);
      assert.equal(readFileSync(join(dir, 'gbk.txt'), 'utf8'), expected);
    });

    it('does not write a UTF-8 file read with --encoding gbk, where a fix would mix encodings', () => {
      // '中文' is valid UTF-8 and also decodes without error as GBK; the entity gets fixed either way.
      const text = '中文&middot;合作\n';
      writeFileSync(join(dir, 'u.txt'), text);
      const r = run(dir, 'fix', 'u.txt', '--encoding', 'gbk', '--write');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /u\.txt: note: this file is valid UTF-8, but is read as gbk/);
      assert.match(r.stderr, /u\.txt: not written: it is valid UTF-8 but was read as gbk/);
      assert.equal(readFileSync(join(dir, 'u.txt'), 'utf8'), text);
      const plain = run(dir, 'fix', 'u.txt', '--write');
      assert.equal(plain.status, 0, plain.stderr);
      assert.equal(readFileSync(join(dir, 'u.txt'), 'utf8'), '中文·合作\n');
    });

    it('refuses to write a fix whose text the file encoding cannot hold, instead of writing ?', () => {
      // Big5 has no Hangul: an entity that decodes to 한 cannot be written back as Big5.
      const text = '發展&#54620;經濟\n';
      writeFileSync(join(dir, 'b.txt'), iconv.encode(text, 'big5'));
      const before = readFileSync(join(dir, 'b.txt'));
      const r = run(dir, 'fix', 'b.txt', '--encoding', 'big5', '--write');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /b\.txt: not written: the fixed text has a character big5 cannot hold \('한' U\+D55C\)/);
      assert.deepEqual(readFileSync(join(dir, 'b.txt')), before);
    });
  });

  it('bin/seed-curator.js runs the bundle and reports the package version', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'seed-curator.js'), '--version'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.toString().trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
