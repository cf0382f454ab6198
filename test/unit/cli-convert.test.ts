import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectVariant } from '../../server/src/script/variant';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'cli.js');
const S003 = '003_19257488ec84b839.txt';

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
}

describe('seed-curator convert', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-convert-'));
    copyFileSync(join(root, 'seeds', S003), join(dir, S003));
  });

  it('--stdout repairs, then converts 003 to Simplified with nothing Traditional left', () => {
    const r = run(['convert', S003, '--stdout'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('济南市委书记刘强出席并讲话'));
    assert.equal(detectVariant(r.stdout).traditionalOnly, 0);
    assert.equal(detectVariant(r.stdout).pinyinAnnotations, 0);
    assert.match(r.stderr, /zh-Hant → zh-Hans with OpenCC tw2s/);
  });

  it('keeps protected terms given on the command line', () => {
    const r = run(['convert', S003, '--stdout', '--protect', '劉強'], dir);
    assert.ok(r.stdout.includes('劉強出席并讲话'));
  });

  it('protects the names the people index finds, unless told not to', () => {
    const withPeople = run(['convert', S003, '--stdout'], dir);
    const without = run(['convert', S003, '--stdout', '--no-protect-people'], dir);
    const kept = (stderr: string) => Number(/(\d+) protected terms? kept/.exec(stderr)?.[1] ?? 0);
    // 003 names 劉強, 于海田, 何慶 and the five Jinan leaders among others.
    assert.ok(kept(withPeople.stderr) >= 8, withPeople.stderr);
    assert.equal(kept(without.stderr), 0, without.stderr);
    // Either way the names come out in their Simplified form.
    for (const out of [withPeople.stdout, without.stdout]) assert.ok(out.includes('济南市领导王宏志、戴龙成、马保岭、韩伟、任广锋'));
  });

  it('prints a diff by default and changes nothing', () => {
    const before = readFileSync(join(dir, S003), 'utf8');
    const r = run(['convert', S003], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\+.*济南市委书记刘强/m);
    assert.equal(readFileSync(join(dir, S003), 'utf8'), before);
  });

  it('--preview lists ambiguous characters without converting', () => {
    const r = run(['convert', S003, '--preview'], dir);
    assert.match(r.stdout, /zh-Hant, \d+ ambiguous characters/);
    assert.match(r.stdout, /發 → 发/);
  });

  it('rejects an unknown target script as a usage error', () => {
    const r = run(['convert', S003, '--to', 'klingon'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--to takes zh-Hans or zh-Hant/);
  });
});
